/** Bilingual labels for the data model's enumerations, shown wherever a status or precision appears. */
import type { FeatureProperties } from '$lib/plan/schema';

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
