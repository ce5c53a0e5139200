/** Bilingual labels for the data model's enumerations, shown wherever a status or precision appears. */
import type { FeatureProperties } from '$lib/plan/schema';
import type { UnmappedReason } from '$lib/plan/vocabulary';

type Bilingual = { zh: string; en: string };

export const STATUS_LABELS: Record<FeatureProperties['status'], Bilingual> = {
  operating: { zh: '已运营', en: 'Operating' },
  'under-construction': { zh: '在建', en: 'Under construction' },
  planned: { zh: '规划', en: 'Planned' },
  proposed: { zh: '拟建', en: 'Proposed' },
  designated: { zh: '已设立', en: 'Designated' }
};

export const PRECISION_LABELS: Record<FeatureProperties['precision'], Bilingual> = {
  surveyed: { zh: '实测位置', en: 'Surveyed' },
  approximate: { zh: '近似位置', en: 'Approximate' },
  indicative: { zh: '示意范围', en: 'Indicative' }
};

export const UNMAPPED_REASON_LABELS: Record<UnmappedReason, Bilingual> = {
  'outside-qingdao': { zh: '不在青岛', en: 'Outside Qingdao' },
  'no-fixed-location': { zh: '没有固定位置', en: 'No fixed location' },
  'programme-not-place': { zh: '是计划或项目，不是地点', en: 'A programme, not a place' },
  'no-position-in-sources': { zh: '我们的资料中没有其位置', en: 'No position in our sources' },
  'part-of-feature': { zh: '位于地图上已标出的区域内', en: 'Inside a mapped area' },
  'not-a-place': { zh: '不是地名', en: 'Not a place name' }
};

export const KIND_LABELS: Record<string, Bilingual> = {
  'metro-line': { zh: '地铁线路', en: 'Metro line' },
  'metro-station': { zh: '地铁车站', en: 'Metro station' }
};

/** Chinese chapter numerals 一…十二 for chapter numbers 1…12. */
export function chapterNumeral(n: number): string {
  const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return digits[n] ?? String(n);
  return `十${digits[n - 10] ?? ''}`;
}
