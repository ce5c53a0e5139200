import type { Target } from './schema';

export interface TextSegment {
  text: string;
  /** Ids of the targets that quote this clause (several when a list shares one clause); empty for plain text. */
  targetIds: string[];
}

/**
 * Splits an article's text into plain segments and the clauses its targets quote, so the page can
 * highlight each target where it stands in the official text. Targets sharing one quote share its
 * segment; quotes not found in the text are ignored; of two partly overlapping quotes the first wins.
 */
export function segmentByTargets(text: string, targets: readonly Target[]): TextSegment[] {
  const spans: { start: number; end: number; ids: string[] }[] = [];
  for (const target of targets) {
    const start = text.indexOf(target.quote_zh);
    if (start < 0) continue;
    const end = start + target.quote_zh.length;
    const same = spans.find((s) => s.start === start && s.end === end);
    if (same) {
      same.ids.push(target.id);
      continue;
    }
    if (spans.some((s) => start < s.end && end > s.start)) continue;
    spans.push({ start, end, ids: [target.id] });
  }
  spans.sort((a, b) => a.start - b.start);
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start > cursor) segments.push({ text: text.slice(cursor, span.start), targetIds: [] });
    segments.push({ text: text.slice(span.start, span.end), targetIds: span.ids });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), targetIds: [] });
  return segments;
}
