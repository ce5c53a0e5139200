/**
 * Reads the built public data files (static/data/plan.json and features.geojson) from disk when pages
 * are prerendered, and cuts from them just what each page shows: the article index gets no article
 * text, an article page gets its own article, targets and features, the ledger gets the targets.
 * Server-only: the browser receives each page's slice, never the whole plan through this module.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UNCOLOURED_LINE } from '$lib/map/colour';
import {
  featurePropertiesSchema,
  metroBuildingSchema,
  planSchema,
  unmappedPlacesSchema,
  type Article,
  type Chapter,
  type FeatureProperties,
  type Plan,
  type PlanFeature,
  type Section,
  type Target
} from '$lib/plan/schema';
import { KIND_LABELS } from '$lib/i18n/labels';
import { layerInfo } from '$lib/plan/layers';
import { BUILDING_ARTICLE, type BuildingLine, type MetroBuilding } from '$lib/plan/metro-building';
import type { UnmappedPlace, UnmappedPlaces } from '$lib/plan/unmapped';
import { featureBounds, targetRows, type TargetRow } from '$lib/plan/targets-view';

const PLAN_FILE = join('static', 'data', 'plan.json');
const FEATURES_FILE = join('static', 'data', 'features.geojson');
const BUILDING_FILE = join('static', 'data', 'metro-building.json');
const UNMAPPED_FILE = join('static', 'data', 'unmapped-places.json');

const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.custom<GeoJSON.Geometry>(
        (g) => typeof g === 'object' && g !== null && 'type' in g,
        'a GeoJSON geometry'
      ),
      properties: featurePropertiesSchema
    })
  )
});

interface Loaded<T> {
  mtimeMs: number;
  value: T;
}
const cache = new Map<string, Loaded<unknown>>();

/** Reads and validates a built data file, once per version of the file on disk. */
function readBuilt<T>(file: string, parse: (json: unknown) => T): T {
  const path = join(process.cwd(), file);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    throw new Error(`${file} is missing: run \`npm run data\` to build it from data/`);
  }
  const hit = cache.get(path) as Loaded<T> | undefined;
  if (hit && hit.mtimeMs === mtimeMs) return hit.value;
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  let value: T;
  try {
    value = parse(json);
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
    throw new Error(`${file} does not match its schema; rebuild it with \`npm run data\`.\n${detail}`);
  }
  cache.set(path, { mtimeMs, value });
  return value;
}

/** The whole plan, as built into static/data/plan.json. */
export function loadPlan(): Plan {
  return readBuilt(PLAN_FILE, (json) => planSchema.parse(json));
}

/** Every map feature, as built into static/data/features.geojson. */
export function loadFeatures(): PlanFeature[] {
  return readBuilt(FEATURES_FILE, (json) => featureCollectionSchema.parse(json).features as PlanFeature[]);
}

/** The metro lines under construction, as published in /data/metro-building.json. */
export function loadMetroBuilding(): MetroBuilding {
  return readBuilt(BUILDING_FILE, (json) => metroBuildingSchema.parse(json));
}

/** The places the plan names that have no feature of their own, as published in /data/unmapped-places.json. */
export function loadUnmappedPlaces(): UnmappedPlaces {
  return readBuilt(UNMAPPED_FILE, (json) => unmappedPlacesSchema.parse(json));
}

/** A place the page names without drawing it; for one inside a mapped area, that area's names. */
export interface UnmappedOnPage extends UnmappedPlace {
  within?: { id: string; name_zh: string; name_en: string };
}

/** A chapter's names without its text. */
export type ChapterHeading = Pick<Chapter, 'n' | 'title_zh' | 'title_en'>;

/** An article as a link: number and titles. */
export type ArticleLink = Pick<Article, 'n' | 'title_zh' | 'title_en'>;

/** An article as the index lists it. */
export type ArticleSummary = Pick<Article, 'n' | 'section' | 'title_zh' | 'title_en' | 'summary_en'> & {
  targetCount: number;
};

export interface ChapterIndexEntry extends ChapterHeading {
  intro_zh: string;
  /** Targets stated in the chapter's intro paragraph. */
  introTargets: Target[];
  sections: Pick<Section, 'n' | 'title_zh'>[];
  articles: ArticleSummary[];
}

/** The chapter index: every chapter with its intro, sections and articles (no article text). */
export function articleIndex(): ChapterIndexEntry[] {
  const plan = loadPlan();
  const counts = new Map<number, number>();
  for (const target of plan.targets) {
    if (target.article !== null) counts.set(target.article, (counts.get(target.article) ?? 0) + 1);
  }
  return plan.chapters.map((chapter) => ({
    n: chapter.n,
    title_zh: chapter.title_zh,
    title_en: chapter.title_en,
    intro_zh: chapter.intro_zh,
    introTargets: plan.targets.filter((t) => t.article === null && t.chapter === chapter.n),
    sections: chapter.sections.map(({ n, title_zh }) => ({ n, title_zh })),
    articles: plan.articles
      .filter((a) => a.chapter === chapter.n)
      .map((a) => ({
        n: a.n,
        section: a.section,
        title_zh: a.title_zh,
        title_en: a.title_en,
        summary_en: a.summary_en,
        targetCount: counts.get(a.n) ?? 0
      }))
  }));
}

/** What the article page's small map draws and lists of a feature. */
export type MiniFeatureProperties = Pick<
  FeatureProperties,
  'id' | 'name_zh' | 'name_en' | 'kind' | 'status' | 'precision'
> & {
  /** The feature's own colour, else its layer's. */
  color: string;
  /** The kind's name from the layer registry's legend (or the kind itself when it has none). */
  kind_zh: string;
  kind_en: string;
};
export type MiniFeature = GeoJSON.Feature<GeoJSON.Geometry, MiniFeatureProperties>;

/** Colour of features that carry none of their own. */
export const DEFAULT_FEATURE_COLOUR = UNCOLOURED_LINE;

export interface ArticlePageData {
  /** The dataset-wide as-of date of the published figures. */
  asOf: string;
  article: Article;
  chapter: ChapterHeading;
  section: Pick<Section, 'n' | 'title_zh'> | null;
  targets: TargetRow[];
  /** The features naming this article, with only the properties the page shows. */
  features: MiniFeature[];
  /** `[west, south, east, north]` of those features, or null when there are none. */
  bounds: [number, number, number, number] | null;
  previous: ArticleLink | null;
  next: ArticleLink | null;
  /** The metro lines under construction, on the page of the article that advances them; else empty. */
  building: BuildingLine[];
  /** Places this article names that have no feature of their own, and why. */
  unmapped: UnmappedOnPage[];
}

const linkOf = (a: Article | undefined): ArticleLink | null =>
  a ? { n: a.n, title_zh: a.title_zh, title_en: a.title_en } : null;

/** Everything article `n`'s page shows, or null when the plan has no such article. */
export function articlePage(n: number): ArticlePageData | null {
  const plan = loadPlan();
  const article = plan.articles.find((a) => a.n === n);
  if (!article) return null;
  const chapter = plan.chapters.find((c) => c.n === article.chapter);
  if (!chapter)
    throw new Error(`${PLAN_FILE}: article ${n} names chapter ${article.chapter}, which is missing`);
  const section = chapter.sections.find((s) => s.n === article.section) ?? null;
  const allFeatures = loadFeatures();
  const features: MiniFeature[] = allFeatures
    .filter((f) => f.properties.articles.includes(n))
    .map((f) => {
      const p = f.properties;
      const layer = layerInfo(p.layer);
      const legend = layer?.legend.find((entry) => entry.kind === p.kind);
      const kindName = legend
        ? { zh: legend.name_zh, en: legend.name_en }
        : (KIND_LABELS[p.kind] ?? { zh: p.kind, en: p.kind });
      return {
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          id: p.id,
          name_zh: p.name_zh,
          name_en: p.name_en,
          kind: p.kind,
          status: p.status,
          precision: p.precision,
          color: p.color ?? layer?.colour ?? DEFAULT_FEATURE_COLOUR,
          kind_zh: kindName.zh,
          kind_en: kindName.en
        }
      } satisfies MiniFeature;
    });
  return {
    asOf: plan.as_of,
    article,
    chapter: { n: chapter.n, title_zh: chapter.title_zh, title_en: chapter.title_en },
    section: section ? { n: section.n, title_zh: section.title_zh } : null,
    targets: targetRows(
      plan.targets.filter((t) => t.article === n),
      allFeatures
    ),
    features,
    bounds: featureBounds(features),
    previous: linkOf(plan.articles.find((a) => a.n === n - 1)),
    next: linkOf(plan.articles.find((a) => a.n === n + 1)),
    building: n === BUILDING_ARTICLE ? loadMetroBuilding().lines : [],
    unmapped: loadUnmappedPlaces()
      .places.filter((place) => place.articles.includes(n))
      .map((place) => {
        const area = place.feature ? allFeatures.find((f) => f.properties.id === place.feature) : undefined;
        return area
          ? {
              ...place,
              within: {
                id: area.properties.id,
                name_zh: area.properties.name_zh,
                name_en: area.properties.name_en
              }
            }
          : place;
      })
  };
}

/** The article numbers the plan has, for prerendering every article page. */
export function articleNumbers(): number[] {
  return loadPlan().articles.map((a) => a.n);
}

export interface LedgerData {
  /** The dataset-wide as-of date of the published figures. */
  asOf: string;
  chapters: ChapterHeading[];
  articles: ArticleLink[];
  targets: TargetRow[];
}

/** The targets ledger: every target with what the map knows of it, and the names to label them with. */
export function targetsLedger(): LedgerData {
  const plan = loadPlan();
  return {
    asOf: plan.as_of,
    chapters: plan.chapters.map(({ n, title_zh, title_en }) => ({ n, title_zh, title_en })),
    articles: plan.articles.map((a) => ({ n: a.n, title_zh: a.title_zh, title_en: a.title_en })),
    targets: targetRows(plan.targets, loadFeatures())
  };
}
