/**
 * CPU time used by the Chromium the benchmark launched, read from Linux's /proc. With SwiftShader, WebGL
 * runs on the CPU in the GPU process, so CPU time per frame measures what a frame costs even when other
 * work on the machine slows the frame rate down. Elsewhere than Linux it reports nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the benchmark targets

interface Proc {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
  type: string;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const type = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? 'browser';
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), type };
  } catch {
    return null; // The process ended while we looked.
  }
}

/** Every process descended from this Node process, with its CPU ticks and Chromium process type. */
function descendants(): Proc[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
  const all = pids.map(readProc).filter((p): p is Proc => p !== null);
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: Proc[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      walk(child.pid);
    }
  };
  walk(process.pid);
  return out;
}

export interface CpuSample {
  /** CPU seconds by Chromium process type (gpu-process, renderer, browser, utility, zygote…). */
  byType: Record<string, number>;
}

/** CPU seconds used so far by the Chromium processes this Node process started, by process type. */
export function chromiumCpu(): CpuSample {
  const byType: Record<string, number> = {};
  for (const p of descendants()) byType[p.type] = (byType[p.type] ?? 0) + p.ticks / TICKS_PER_SECOND;
  return { byType };
}

/** CPU seconds used between two samples, in all and by the GPU process (where WebGL runs). */
export function cpuBetween(a: CpuSample, b: CpuSample): { total: number; gpu: number; renderer: number } {
  const d = (type: string) => Math.max(0, (b.byType[type] ?? 0) - (a.byType[type] ?? 0));
  const types = new Set([...Object.keys(a.byType), ...Object.keys(b.byType)]);
  let total = 0;
  for (const type of types) total += d(type);
  return { total, gpu: d('gpu-process'), renderer: d('renderer') };
}
