/**
 * Typed, validated shapes of the two public data files: /data/plan.json and /data/features.geojson.
 * The pipeline validates everything it writes against these schemas; the site trusts them.
 */
import { z } from 'zod';
import { PRECISIONS, STATUSES } from './vocabulary';

export const COMPARATORS = ['≥', '>', '≈', '≤', '<', '='] as const;
export const comparatorSchema = z.enum(COMPARATORS);

/** A reported outcome for a target: only ever a figure someone published, with its source. */
export const actualSchema = z.object({
  value: z.number(),
  as_of: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  source: z.string().min(1)
});

export const targetSchema = z.object({
  /** Stable id: `a41-1` for article 41's first target, `c2-1` for chapter 2's intro paragraph. */
  id: z.string().regex(/^(a\d{1,3}|c\d{1,2})-\d+$/),
  kind: z.enum(['quantity', 'commitment']),
  /** Article number, or null when the target is stated in a chapter's intro paragraph. */
  article: z.number().int().min(1).max(120).nullable(),
  chapter: z.number().int().min(1).max(12),
  metric_zh: z.string().min(1),
  metric_en: z.string().min(1),
  value: z.number().nullable(),
  unit: z.string(),
  comparator: comparatorSchema.nullable(),
  /** `2025` (by that year), `annual`, `biennial`, or a short free phrase such as `2023–2025`. */
  period: z.string().min(1),
  /** The exact clause of the official text the target was read from. */
  quote_zh: z.string().min(1),
  actual: actualSchema.optional()
});

export const sectionSchema = z.object({
  chapter: z.number().int().min(1).max(12),
  n: z.number().int().min(1),
  title_zh: z.string().min(1)
});

export const chapterSchema = z.object({
  n: z.number().int().min(1).max(12),
  title_zh: z.string().min(1),
  title_en: z.string().min(1),
  /** The paragraph under the chapter heading (often the chapter's 2025 targets); empty when none. */
  intro_zh: z.string(),
  sections: z.array(sectionSchema)
});

export const articleSchema = z.object({
  n: z.number().int().min(1).max(120),
  chapter: z.number().int().min(1).max(12),
  /** Section number within the chapter, or null when the chapter has no sections. */
  section: z.number().int().min(1).nullable(),
  title_zh: z.string().min(1),
  title_en: z.string().min(1),
  summary_en: z.string(),
  /** Body text after the title, verbatim. */
  text_zh: z.string().min(1),
  /** 1-based line of the article in the source text, for citations and error messages. */
  line: z.number().int().min(1)
});

export const planSchema = z.object({
  source: z.object({
    title_zh: z.string(),
    issuers_zh: z.string(),
    issued: z.string(),
    file: z.string(),
    note: z.string()
  }),
  chapters: z.array(chapterSchema).length(12),
  articles: z.array(articleSchema).length(120),
  targets: z.array(targetSchema)
});

export type Comparator = z.infer<typeof comparatorSchema>;
export type Target = z.infer<typeof targetSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Chapter = z.infer<typeof chapterSchema>;
export type Article = z.infer<typeof articleSchema>;
export type Plan = z.infer<typeof planSchema>;

export { STATUSES, PRECISIONS };

/** The properties as an object schema, for building variants (the curated files' schema); validate with the one below. */
export const featurePropertiesObject = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  layer: z.string().min(1),
  kind: z.string().min(1),
  status: z.enum(STATUSES),
  /** The articles that name the place; at least one, except for a feature outside Qingdao (none). */
  articles: z.array(z.number().int().min(1).max(120)),
  targets: z.array(z.string()),
  precision: z.enum(PRECISIONS),
  /** Why the precision is what it is, shown beside it. */
  precision_note: z.string().min(1),
  source: z.string().min(1),
  /** Line-specific facts for metro features; absent elsewhere. */
  line: z.string().optional(),
  color: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/)
    .optional(),
  /** Officially published route length, when known, with where it was published. */
  length_official_km: z.number().positive().nullable().optional(),
  length_official_source: z.string().optional(),
  /** Length of the polyline drawn through the stations, computed with turf. Always shorter than the track. */
  length_stations_km: z.number().positive().optional(),
  station_count: z.number().int().positive().optional(),
  /** Year a line under construction is expected to open, as a dated source gives it. */
  opening_expected: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  seq: z.number().int().positive().optional(),
  lines: z.array(z.string()).optional(),
  /** Name forms the plan uses for this place; every cited article must contain one of them. */
  mentions_zh: z.array(z.string().min(1)).min(1).optional(),
  /** True when the place reaches beyond Qingdao (a railway to Yantai); exempt from the in-region rule. */
  regional: z.boolean().optional(),
  /**
   * True for a place outside Qingdao shown for context only (a neighbouring city's offshore wind farm): the plan
   * does not name it, so it cites no article or target, names no plan text and never counts as the plan's.
   */
  outside_qingdao: z.literal(true).optional()
});

/** A feature's properties, with the rules that span fields. */
export const featurePropertiesSchema = featurePropertiesObject.superRefine((p, ctx) => {
  if (p.outside_qingdao) {
    for (const key of ['articles', 'targets'] as const) {
      if (p[key].length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'a feature outside Qingdao is shown for context only and cites none'
        });
      }
    }
    if (p.mentions_zh !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['mentions_zh'],
        message: 'a feature outside Qingdao is not named by the plan'
      });
    }
  } else if (p.articles.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['articles'],
      message: 'a feature of the plan cites at least one article (mark a context feature outside_qingdao)'
    });
  }
});

export type FeatureProperties = z.infer<typeof featurePropertiesSchema>;
export type PlanFeature = GeoJSON.Feature<GeoJSON.Geometry, FeatureProperties>;
export type PlanFeatureCollection = GeoJSON.FeatureCollection<GeoJSON.Geometry, FeatureProperties>;
