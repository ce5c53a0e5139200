/**
 * An area answer to take away: CSV (one row per plan feature, UTF-8 with a byte-order mark, through the
 * shared CSV writer) and GeoJSON (the area first, then every feature with the answer's figures among its
 * properties). Column headers and labels follow the page's language; ids, numbers and sources do not.
 */
import { toCsv, type CsvColumn } from '$lib/export/csv';
import { formatOutcomeFigure, formatOutcomePeriod } from '$lib/i18n/format';
import { formatOutcomeSource } from '$lib/i18n/format-source';
import { STATUS_LABELS } from '$lib/i18n/labels';
import type { Lang } from '$lib/i18n/lang';
import { layerInfo } from '$lib/plan/layers';
import { latestOutcome, standingState, type StandingState } from '$lib/plan/outcomes';
import type { Target } from '$lib/plan/schema';
import type { AnswerFeature, AreaAnswer } from './area-query';

type Bilingual = Record<Lang, string>;

const STANDING: Record<StandingState, Bilingual> = {
  met: { zh: '已达成', en: 'met' },
  'not-met': { zh: '未达成', en: 'not met' },
  progress: { zh: '进行中', en: 'in progress' },
  'not-comparable': { zh: '有数据但不可比', en: 'figures not comparable' },
  none: { zh: '尚无公开数据', en: 'nothing published' }
};

const RELATION: Record<AnswerFeature['relation'], Bilingual> = {
  inside: { zh: '在区域内', en: 'inside' },
  crossing: { zh: '跨越边界', en: 'crossing the edge' }
};

/** Rounded for a file: lengths and areas to the metre and square metre. */
const round = (value: number | null, digits: number) =>
  value === null ? null : Number(value.toFixed(digits));

/**
 * "a41-1 已达成：逾 348 公里（2024年）· 青岛日报（转载：smalldaily.com）", one target's standing with its latest
 * published figure and its source.
 */
export function targetSummary(target: Target, lang: Lang): string {
  const state = STANDING[standingState(target)][lang];
  const latest = latestOutcome(target.outcomes);
  if (!latest) return `${target.id} ${state}`;
  const figure = formatOutcomeFigure(latest, lang);
  const period = formatOutcomePeriod(latest.period, lang);
  const source = formatOutcomeSource(latest.source, lang);
  return lang === 'zh'
    ? `${target.id} ${state}：${figure}（${period}）· ${source}`
    : `${target.id} ${state}: ${figure} (${period}) · ${source}`;
}

/** The CSV's columns for an answer (the user layers' counts last, one column each). */
export function answerColumns(answer: AreaAnswer, lang: Lang): CsvColumn<AnswerFeature>[] {
  const h = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const columns: CsvColumn<AnswerFeature>[] = [
    {
      header: h('图层', 'layer'),
      value: (f) => {
        const info = layerInfo(f.feature.properties.layer);
        return info ? (lang === 'zh' ? info.name_zh : info.name_en) : f.feature.properties.layer;
      }
    },
    { header: 'id', value: (f) => f.feature.properties.id },
    { header: h('名称', 'name_zh'), value: (f) => f.feature.properties.name_zh },
    { header: h('英文名称', 'name_en'), value: (f) => f.feature.properties.name_en },
    { header: h('类型', 'kind'), value: (f) => f.feature.properties.kind },
    { header: h('状态', 'status'), value: (f) => STATUS_LABELS[f.feature.properties.status][lang] },
    { header: h('与区域关系', 'relation'), value: (f) => RELATION[f.relation][lang] },
    { header: h('区域内长度_km', 'length_inside_km'), value: (f) => round(f.lengthInsideKm, 3) },
    { header: h('总长度_km', 'length_km'), value: (f) => round(f.lengthKm, 3) },
    { header: h('区域内面积_km2', 'area_inside_km2'), value: (f) => round(f.areaInsideKm2, 6) },
    { header: h('总面积_km2', 'area_km2'), value: (f) => round(f.areaKm2, 6) },
    { header: h('计划条文', 'articles'), value: (f) => f.feature.properties.articles.join('; ') },
    {
      header: h('目标与已公布数据', 'targets_and_outcomes'),
      value: (f) => f.targets.map((target) => targetSummary(target, lang)).join(' | ')
    }
  ];
  answer.userLayers.forEach((layer, i) => {
    const km = answer.nearKm.toLocaleString('en-US', { maximumFractionDigits: 3 });
    columns.push({
      header: h(`${layer.name}_${km}km内要素数`, `${layer.name}_within_${km}km`),
      value: (f) => f.near[i] ?? null
    });
  });
  return columns;
}

/** Every feature of the answer in its order, layer by layer. */
export function answerRows(answer: AreaAnswer): AnswerFeature[] {
  return answer.layers.flatMap((layer) => layer.features);
}

/** The answer as CSV text, byte-order mark first. */
export function answerCsv(answer: AreaAnswer, lang: Lang): string {
  return toCsv(answerRows(answer), answerColumns(answer, lang));
}

/**
 * The answer as GeoJSON: the area (`role: "area"`), then each plan feature with its own properties and the
 * answer's (`role: "plan-feature"`, relation, lengths and areas inside, targets with their standing, and the
 * user layers' counts as `near` by layer name).
 */
export function answerGeoJSON(answer: AreaAnswer, lang: Lang): GeoJSON.FeatureCollection {
  const area: GeoJSON.Feature = {
    type: 'Feature',
    properties: {
      role: 'area',
      kind: answer.area.kind,
      name_zh: answer.area.name_zh,
      name_en: answer.area.name_en,
      area_km2: round(answer.areaKm2, 6),
      ...(answer.area.circle
        ? { center: answer.area.circle.center, radius_km: round(answer.area.circle.radiusKm, 4) }
        : {}),
      feature_count: answer.count,
      near_km: answer.nearKm
    },
    geometry: answer.area.geometry
  };
  const features = answerRows(answer).map((f): GeoJSON.Feature => ({
    type: 'Feature',
    properties: {
      ...f.feature.properties,
      role: 'plan-feature',
      relation: f.relation,
      length_inside_km: round(f.lengthInsideKm, 3),
      length_km: round(f.lengthKm, 3),
      area_inside_km2: round(f.areaInsideKm2, 6),
      area_km2: round(f.areaKm2, 6),
      target_standing: f.targets.map((target) => ({
        id: target.id,
        standing: standingState(target),
        summary: targetSummary(target, lang)
      })),
      near: Object.fromEntries(answer.userLayers.map((layer, i) => [layer.name, f.near[i] ?? 0]))
    },
    geometry: f.feature.geometry
  }));
  return { type: 'FeatureCollection', features: [area, ...features] };
}
