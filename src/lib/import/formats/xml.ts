/**
 * KML, KMZ and GPX through @tmcw/togeojson. Before the XML parser sees the text, a DOCTYPE or ENTITY
 * declaration refuses the file (entity expansion, external entities). Before togeojson reads the document,
 * every coordinate's raw text is checked, because togeojson reads a GPX `lat="36,0631"` as 36: a placemark,
 * track or route with a coordinate that is not a plain decimal number is taken out and counted.
 */
import { gpx, kml } from '@tmcw/togeojson';
import { ImportFailure, lineAt } from '../failure';
import { SkipLog, type RawFeature } from '../normalise';
import type { Budget, Where, XmlParser } from '../types';
import { NUMBER, type Parsed } from './parsed';

/** The text with comments and CDATA blanked out (newlines kept), so tag positions map to real lines. */
function blankNonMarkup(text: string): string {
  return text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** The line of each opening `<tag` (any namespace prefix) in document order. */
function tagLines(markup: string, tag: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`<(?:[\\w.-]+:)?${tag}(?=[\\s>/])`, 'g');
  let line = 1;
  let last = 0;
  for (let m = re.exec(markup); m; m = re.exec(markup)) {
    for (let i = last; i < m.index; i++) if (markup.charCodeAt(i) === 10) line++;
    last = m.index;
    out.push(line);
  }
  return out;
}

/** Parses XML after refusing DOCTYPE/ENTITY; checks the root element's name and the nesting budget. */
export function parseXmlDocument(
  text: string,
  parseXml: XmlParser,
  root: string,
  format: string,
  budget: Budget
): Document {
  const markup = blankNonMarkup(text);
  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(markup);
  if (doctype) throw new ImportFailure('xml-doctype', {}, { line: lineAt(text, doctype.index) });
  let doc: Document;
  try {
    doc = parseXml(text);
  } catch (error) {
    throw xmlError(error instanceof Error ? error.message : String(error), format);
  }
  const parserError = doc.getElementsByTagName('parsererror')[0];
  if (parserError) throw xmlError(parserError.textContent ?? '', format);
  const top = doc.documentElement;
  if (!top) throw new ImportFailure('malformed', { format, detail: 'no root element' });
  const rootName = (top.localName ?? top.nodeName).toLowerCase();
  if (rootName !== root)
    throw new ImportFailure('wrong-type', { format, detail: `the root element is <${top.nodeName}>` });
  if (depthOver(top, budget.maxDepth)) throw new ImportFailure('too-deep', { limit: budget.maxDepth });
  return doc;
}

function xmlError(detail: string, format: string): ImportFailure {
  const line = /line[:\s]+(\d+)/i.exec(detail);
  const where: Where | undefined = line ? { line: Number(line[1]) } : undefined;
  const short = (detail.split('\n').find((s) => s.trim()) ?? detail).replace(/\s*\(line \d+\)$/, '');
  if (/unclosed|end of (file|input|document)|premature|EOF|not closed/i.test(detail)) {
    return new ImportFailure('truncated', { detail: short.trim() }, where);
  }
  return new ImportFailure('malformed', { format, detail: short.trim() }, where);
}

function depthOver(root: Element, limit: number): boolean {
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    if (d > limit) return true;
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) stack.push([c as Element, d + 1]);
  }
  return false;
}

/** The first component of a KML coordinate tuple list that is not a plain number, or null. */
function badKmlCoordinate(text: string): string | null {
  for (const tuple of text.trim().split(/\s+/)) {
    if (!tuple) continue;
    const parts = tuple.split(',');
    if (parts.length < 2 || parts.length > 3) return tuple;
    for (const p of parts) if (!NUMBER.test(p)) return tuple;
  }
  return null;
}

function remove(el: Element): void {
  el.parentNode?.removeChild(el);
}

export function parseKml(
  text: string,
  file: string,
  name: string,
  parseXml: XmlParser,
  budget: Budget,
  entry?: string
): Parsed {
  const doc = parseXmlDocument(text, parseXml, 'kml', 'KML', budget);
  const log = new SkipLog(file);
  const markup = blankNonMarkup(text);
  const placemarkLines = tagLines(markup, 'Placemark');
  const coordinateLines = tagLines(markup, 'coordinates');
  const placemarks = Array.from(doc.getElementsByTagName('Placemark'));
  const indexOf = new Map(placemarks.map((p, i) => [p, i]));
  const bad = new Set<Element>();
  Array.from(doc.getElementsByTagName('coordinates')).forEach((el, i) => {
    const value = badKmlCoordinate(el.textContent ?? '');
    if (value === null) return;
    let p: Node | null = el.parentNode;
    while (p && (p as Element).nodeName !== 'Placemark') p = p.parentNode;
    if (!p || bad.has(p as Element)) return;
    bad.add(p as Element);
    log.add(
      'non-numeric',
      { entry, line: coordinateLines[i], feature: indexOf.get(p as Element), field: 'coordinates' },
      { value }
    );
    remove(p as Element);
  });
  const kept = placemarks.filter((p) => !bad.has(p));
  const fc = kml(doc as never);
  // togeojson yields one feature per placemark, in document order, before any overlays or links.
  const raw: RawFeature[] = fc.features.map((feature, i) => {
    const index = i < kept.length ? indexOf.get(kept[i]!)! : i;
    const line = i < kept.length ? placemarkLines[index] : undefined;
    return { feature, where: { ...(entry ? { entry } : {}), ...(line ? { line } : {}), feature: index } };
  });
  return { format: entry ? 'kmz' : 'kml', layers: [{ name, raw, log }] };
}

export function parseGpx(
  text: string,
  file: string,
  name: string,
  parseXml: XmlParser,
  budget: Budget
): Parsed {
  const doc = parseXmlDocument(text, parseXml, 'gpx', 'GPX', budget);
  const log = new SkipLog(file);
  const markup = blankNonMarkup(text);
  // The line of each track, route and waypoint, taken before anything is removed.
  const lineOf = new Map<Element, number>();
  for (const tag of ['trk', 'rte', 'wpt']) {
    const lines = tagLines(markup, tag);
    Array.from(doc.getElementsByTagName(tag)).forEach((el, i) => lineOf.set(el, lines[i] ?? 0));
  }
  const removed = new Set<Element>();
  for (const tag of ['wpt', 'rtept', 'trkpt']) {
    const lines = tagLines(markup, tag);
    Array.from(doc.getElementsByTagName(tag)).forEach((pt, i) => {
      for (const field of ['lat', 'lon']) {
        const value = pt.getAttribute(field);
        if (value !== null && NUMBER.test(value.trim())) continue;
        // A bad waypoint is left out alone; a bad track or route point leaves out its whole track or route,
        // since dropping one vertex would silently change the line.
        const parent = pt.parentNode as Element | null;
        const owner =
          tag === 'wpt' ? pt : parent?.nodeName === 'trkseg' ? (parent.parentNode as Element | null) : parent;
        if (owner && !removed.has(owner)) {
          removed.add(owner);
          log.add(
            'non-numeric',
            { line: lines[i], field: `${tag}@${field}` },
            { value: value ?? '(missing)' }
          );
          remove(owner);
        }
        break;
      }
    });
  }
  // togeojson yields tracks, then routes, then waypoints; when each gave one feature, map them back to lines.
  const kept = ['trk', 'rte', 'wpt'].flatMap((tag) => Array.from(doc.getElementsByTagName(tag)));
  const fc = gpx(doc as never);
  const mapped = fc.features.length === kept.length;
  const raw: RawFeature[] = fc.features.map((feature, i) => {
    const line = mapped ? lineOf.get(kept[i]!) : undefined;
    return { feature, where: line ? { line, feature: i } : { feature: i } };
  });
  return { format: 'gpx', layers: [{ name, raw, log }] };
}
