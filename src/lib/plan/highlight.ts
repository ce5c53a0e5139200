import type { Target } from './schema';

export interface TextSegment {
  text: string;
  /** Id of the target whose quoted clause this segment is, when it is one. */
  targetId?: string;
}

/**
 * Splits an article's text into plain segments and the clauses its targets quote, so the page can
 * highlight each target where it stands in the official text. Quotes not found in the text are ignored;
 * overlapping quotes keep the first one found.
 */
export function segmentByTargets(text: string, targets: readonly Target[]): TextSegment[] {
  const spans: { start: number; end: number; id: string }[] = [];
  for (const target of targets) {
    const start = text.indexOf(target.quote_zh);
    if (start < 0) continue;
    const end = start + target.quote_zh.length;
    if (spans.some((s) => start < s.end && end > s.start)) continue;
    spans.push({ start, end, id: target.id });
  }
  spans.sort((a, b) => a.start - b.start);
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start > cursor) segments.push({ text: text.slice(cursor, span.start) });
    segments.push({ text: text.slice(span.start, span.end), targetId: span.id });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}
