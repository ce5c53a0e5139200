/** Checks that span a whole set of features: the public schema, unique ids, and links to the plan. */
import { DataError } from '../../../src/lib/data/data-error';
import { featurePropertiesSchema, type Plan, type PlanFeature } from '../../../src/lib/plan/schema';

/** Validates every feature's properties against the public schema and checks ids are unique. */
export function validateFeatures(features: readonly PlanFeature[], file: string): void {
  const ids = new Set<string>();
  for (const feature of features) {
    const parsed = featurePropertiesSchema.safeParse(feature.properties);
    const id = String(feature.properties?.id ?? feature.id);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DataError(
        file,
        `feature ${id}`,
        'feature properties fail the schema',
        `${issue?.path.join('.')}: ${issue?.message}`
      );
    }
    if (ids.has(id)) throw new DataError(file, `feature ${id}`, 'duplicate feature id');
    ids.add(id);
  }
}

/** Checks that every article and target a feature cites exists in the plan, and that targets match articles. */
export function checkPlanReferences(
  features: readonly PlanFeature[],
  plan: Pick<Plan, 'articles' | 'targets'>,
  file: string
): void {
  const articles = new Set(plan.articles.map((a) => a.n));
  const targets = new Map(plan.targets.map((t) => [t.id, t]));
  for (const { properties } of features) {
    for (const n of properties.articles) {
      if (!articles.has(n)) {
        throw new DataError(
          file,
          `feature ${properties.id}`,
          'cites an article not in the plan',
          `article ${n}`
        );
      }
    }
    for (const id of properties.targets) {
      const target = targets.get(id);
      if (!target) {
        throw new DataError(
          file,
          `feature ${properties.id}`,
          'cites a target not in the plan',
          `target ${id}`
        );
      }
      if (target.article !== null && !properties.articles.includes(target.article)) {
        throw new DataError(
          file,
          `feature ${properties.id}`,
          'cites a target of an article it does not cite',
          `target ${id} belongs to article ${target.article}`
        );
      }
    }
  }
}

/** Checks that every article a feature cites names it: the article's title or text contains a mention. */
export function checkCitedArticlesNameFeatures(
  features: readonly PlanFeature[],
  plan: Pick<Plan, 'articles'>,
  file: string
): void {
  const texts = new Map(plan.articles.map((a) => [a.n, `${a.title_zh}。${a.text_zh}`]));
  for (const { properties } of features) {
    const mentions = properties.mentions_zh;
    if (!mentions) continue;
    for (const n of properties.articles) {
      const text = texts.get(n);
      if (text === undefined) continue; // an unknown article is checkPlanReferences's to report
      if (!mentions.some((m) => text.includes(m))) {
        throw new DataError(
          file,
          `feature ${properties.id}`,
          'cited article does not name the feature',
          `article ${n} contains none of ${mentions.join('、')}`
        );
      }
    }
  }
}
