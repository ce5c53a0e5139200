/**
 * Typed, validated shapes of the two public data files: /data/plan.json and /data/features.geojson.
 * The pipeline validates everything it writes against these schemas; the site trusts them.
 */
import { z } from 'zod';
import { QINGDAO_BBOX } from '../geo/qingdao';
import { GAZETTEER_KINDS, type Gazetteer } from './gazetteer';
import type { MetroBuilding } from './metro-building';
import type { UnmappedPlaces } from './unmapped';
import { OUTCOME_QUALIFIERS, PRECISIONS, STATUSES, UNMAPPED_REASONS } from './vocabulary';

export const COMPARATORS = ['≥', '>', '≈', '≤', '<', '='] as const;
export const comparatorSchema = z.enum(COMPARATORS);

/** A date or a span of dates: `2024`, `2024-06`, `2024-06-30`, or `2024-01/2024-06` (start/end). */
export const PERIOD_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2}(-\d{2})?)?)?$/;
export const DATE_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Where a published figure was read: the page, its original publisher, and whether it is the original.
 * Names only: where a copy was read is in `url` and `original`, and anything else worth knowing about the
 * source goes to the outcome's `note_en` (the pipeline refuses notes inside a name).
 */
export const outcomeSourceSchema = z
  .object({
    title: z.string().min(1),
    /** The original publisher's name as it names itself (Chinese where it is Chinese); null when unnamed. */
    publisher: z.string().min(1).nullable(),
    /** The publisher's established English name (Qingdao Daily, Xinhua); absent where it has none. */
    publisher_en: z.string().min(1).optional(),
    /** Who the figure is attributed to when the publisher reports another body's figure, as that body is named. */
    cites: z.string().min(1).optional(),
    /**
     * The address of the copy that was read; null when the stored copy has none (then the title finds it).
     * http or https only: pages show it as a link, and z.url() alone also takes `javascript:` and `data:`.
     */
    url: z.url({ protocol: /^https?$/ }).nullable(),
    /** The page's own date, or null when it shows none. */
    published: z.string().regex(DATE_PATTERN).nullable(),
    /** True for the publisher's own page, false for a repost or mirror. */
    original: z.boolean()
  })
  .strict();

/**
 * A published outcome for a target: only ever a figure someone published, as printed, with its source.
 * Several per target form a dated series; conflicting figures stand side by side.
 */
export const outcomeSchema = z
  .object({
    value: z.number(),
    /** The source's unit; the same unit written another way (km, percent) is given in the plan's words. */
    unit: z.string(),
    /** What the figure describes: a year, a month, a day, or a span `start/end`. */
    period: z.string().regex(PERIOD_PATTERN),
    /** `at-least` for 突破/超过 (a lower bound), `about` for 约/左右, `estimate` for a forecast. */
    qualifier: z.enum(OUTCOME_QUALIFIERS),
    /** True only when the figure measures what the target measures: same definition, scope and period kind. */
    like_for_like: z.boolean(),
    /** What to know before comparing: definition, scope, partial year, mirror. */
    note_en: z.string().min(1).optional(),
    source: outcomeSourceSchema,
    /** True when the figure was read again in a stored copy of the source. */
    checked: z.boolean()
  })
  .strict();

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
  /** Published outcomes, oldest period first; empty when none has been found. */
  outcomes: z.array(outcomeSchema)
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

/** The dataset-wide date: every fact in the published files comes from sources published by then. */
export const asOfSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const planSchema = z.object({
  as_of: asOfSchema,
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
export type Outcome = z.infer<typeof outcomeSchema>;
export type OutcomeSource = z.infer<typeof outcomeSourceSchema>;
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
  /**
   * How far, in metres, the drawn position may be from the real one: a figure the source or the precision
   * note states (`uncertainty_basis: 'stated'`), else the default of the precision class
   * (`'class-default'`, UNCERTAINTY_DEFAULT_M); absent for surveyed positions.
   */
  uncertainty_m: z.number().positive().optional(),
  uncertainty_basis: z.enum(['stated', 'class-default']).optional(),
  /** Where an area's or a line's name is placed, `[lon, lat]` on the feature, computed at build time. */
  label_point: z.tuple([z.number(), z.number()]).optional(),
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

/** /data/unmapped-places.json: the places the plan names without a feature of their own. */
export const unmappedPlacesSchema = z.object({
  as_of: asOfSchema,
  places: z.array(
    z.object({
      name_zh: z.string(),
      articles: z.array(z.number().int()),
      reason: z.enum(UNMAPPED_REASONS).exclude(['not-a-place']),
      note: z.string(),
      feature: z.string().optional()
    })
  )
}) satisfies z.ZodType<UnmappedPlaces>;

/** /data/metro-building.json: the metro lines under construction, each fact checked by the pipeline. */
export const metroBuildingSchema = z.object({
  as_of: asOfSchema,
  lines: z.array(
    z.object({
      id: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      plan_name_zh: z.string().nullable(),
      status: z.enum(['under-construction', 'planned']),
      status_source: z.string(),
      termini_zh: z.tuple([z.string(), z.string()]),
      stations_zh: z.array(z.string()),
      length_official_km: z.number().nullable(),
      station_count_official: z.number().nullable(),
      opening_expected: z.string().nullable(),
      color: z.string().nullable(),
      feature_id: z.string().nullable(),
      route_note: z.string(),
      sources: z.array(z.string())
    })
  )
}) satisfies z.ZodType<MetroBuilding>;

/** /data/outcomes.json: every published outcome, by target, with the words around the figure as printed. */
export const outcomesFileSchema = z.object({
  as_of: asOfSchema,
  outcomes: z.array(
    outcomeSchema.extend({
      target: z.string(),
      /** The few words around the figure in the source, as printed, so anyone can find it again. */
      quote: z.string().min(1).max(120).optional()
    })
  )
});
export type OutcomesFile = z.infer<typeof outcomesFileSchema>;

/** /data/gazetteer.json: districts, towns and subdistricts, metro and railway stations, one point each. */
export const gazetteerPlaceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name_zh: z.string().min(1),
    name_en: z.string().min(1),
    alt: z.array(z.string().min(1)).min(1).optional(),
    kind: z.enum(GAZETTEER_KINDS),
    district: z
      .string()
      .regex(/^3702\d{2}$/)
      .optional(),
    lines: z.array(z.string().min(1)).min(1).optional(),
    lon: z.number().min(QINGDAO_BBOX.west).max(QINGDAO_BBOX.east),
    lat: z.number().min(QINGDAO_BBOX.south).max(QINGDAO_BBOX.north),
    source: z.string().min(1)
  })
  .strict();

export const gazetteerSchema = z
  .object({ as_of: asOfSchema, places: z.array(gazetteerPlaceSchema).min(1) })
  .strict() satisfies z.ZodType<Gazetteer>;
