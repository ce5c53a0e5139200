/**
 * The importer's messages in Chinese and English. Templates take `{name}` parameters; the file name and
 * the place in the file are prefixed by `describe`. The result is plain text: callers render it as text.
 */
import type { ImportCode, MessageParams, Where } from './types';

type Templates = Record<ImportCode, string>;

const en: Templates = {
  empty: 'the file is empty',
  unsupported:
    'this kind of file cannot be imported ({ext}); use GeoJSON, TopoJSON, KML, KMZ, GPX, CSV or a zipped Shapefile',
  'wrong-type': 'the content is not {format}: {detail}',
  malformed: 'the file cannot be read as {format}: {detail}',
  truncated: 'the file ends early (it looks cut off): {detail}',
  encoding: 'the text encoding cannot be read: {detail}',
  'xml-doctype': 'the file declares a DOCTYPE or ENTITY, which is refused (it can expand without bound)',
  'zip-path': 'the archive holds an entry with an unsafe path ({path}); the archive is refused',
  'zip-bomb': 'the archive expands to too much data ({detail}); the budget is {limit}',
  'zip-missing': 'the archive holds no {what}',
  'too-large': 'the file is {size}, over the budget of {limit}',
  'too-many-features': 'the file holds more than {limit} features (the budget)',
  'too-many-vertices': 'the file holds more than {limit} coordinate pairs (the budget)',
  'too-deep': 'the structure is nested deeper than {limit} levels (the budget)',
  'no-coordinates-columns': 'no longitude/latitude columns found among: {columns}',
  'projected-unknown':
    'the coordinates are projected (metres, not degrees) and the file names no system; likely: {candidates}',
  'crs-unsupported': 'the coordinate system cannot be used: {detail}',
  'no-features': 'no usable features ({skipped} skipped)',
  timeout: 'reading the file took longer than {seconds} s and was stopped',
  cancelled: 'the import was cancelled',
  internal: 'the file could not be read: {detail}',
  'non-numeric': 'a coordinate is not a number: “{value}”',
  'out-of-range': 'a coordinate is out of range: {value}',
  'not-finite': 'a coordinate is not a finite number',
  placeholder: 'the position is 0, 0 (a placeholder, not a place)',
  'no-geometry': 'the feature has no geometry',
  'bad-geometry': 'the geometry is not valid: {detail}',
  'field-count': 'the row has {found} fields where the header has {expected}'
};

const zh: Templates = {
  empty: '文件为空',
  unsupported: '无法导入此类文件（{ext}）；支持 GeoJSON、TopoJSON、KML、KMZ、GPX、CSV 和压缩的 Shapefile',
  'wrong-type': '内容不是 {format}：{detail}',
  malformed: '无法按 {format} 读取：{detail}',
  truncated: '文件不完整（似乎被截断）：{detail}',
  encoding: '无法识别文本编码：{detail}',
  'xml-doctype': '文件声明了 DOCTYPE 或 ENTITY，已拒绝（其展开可能没有上限）',
  'zip-path': '压缩包中有不安全的路径（{path}），已拒绝整个压缩包',
  'zip-bomb': '压缩包解压后数据过多（{detail}），上限为 {limit}',
  'zip-missing': '压缩包中没有 {what}',
  'too-large': '文件大小为 {size}，超过上限 {limit}',
  'too-many-features': '要素数超过上限 {limit}',
  'too-many-vertices': '坐标点数超过上限 {limit}',
  'too-deep': '嵌套层级超过上限 {limit}',
  'no-coordinates-columns': '未找到经度/纬度列，现有列：{columns}',
  'projected-unknown': '坐标为投影坐标（单位为米而非度），文件未注明坐标系；可能是：{candidates}',
  'crs-unsupported': '无法使用该坐标系：{detail}',
  'no-features': '没有可用的要素（跳过 {skipped} 个）',
  timeout: '读取超过 {seconds} 秒，已停止',
  cancelled: '导入已取消',
  internal: '无法读取文件：{detail}',
  'non-numeric': '坐标不是数字：“{value}”',
  'out-of-range': '坐标超出范围：{value}',
  'not-finite': '坐标不是有限数值',
  placeholder: '位置为 0, 0（占位值，并非实际地点）',
  'no-geometry': '要素没有几何',
  'bad-geometry': '几何无效：{detail}',
  'field-count': '该行有 {found} 个字段，表头有 {expected} 个'
};

function fill(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole
  );
}

function whereText(where: Where | undefined, lang: 'en' | 'zh'): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.entry !== undefined) parts.push(lang === 'en' ? `entry ${where.entry}` : `条目 ${where.entry}`);
  if (where.line !== undefined) parts.push(lang === 'en' ? `line ${where.line}` : `第 ${where.line} 行`);
  if (where.feature !== undefined)
    parts.push(lang === 'en' ? `feature ${where.feature + 1}` : `第 ${where.feature + 1} 个要素`);
  if (where.field !== undefined)
    parts.push(lang === 'en' ? `field “${where.field}”` : `字段“${where.field}”`);
  return parts.join(lang === 'en' ? ', ' : '，');
}

/** The message for `code` in both languages: “file (where): problem”. */
export function describe(
  file: string,
  code: ImportCode,
  where?: Where,
  params?: MessageParams
): { en: string; zh: string } {
  const out = { en: '', zh: '' };
  for (const lang of ['en', 'zh'] as const) {
    const place = whereText(where, lang);
    const problem = fill((lang === 'en' ? en : zh)[code], params);
    out[lang] =
      lang === 'en'
        ? `${file}${place ? ` (${place})` : ''}: ${problem}`
        : `${file}${place ? `（${place}）` : ''}：${problem}`;
  }
  return out;
}

/** Byte counts for messages: “12.5 MB”. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}
