import { describe, expect, it } from 'vitest';
import { featurePredicate, type FeatureFilter } from '../../src/lib/plan/feature-filter';
import { countByLayer } from '../../src/lib/plan/filter-controls';
import { LAYERS } from '../../src/lib/plan/layers';
import { buildFeatures } from '../../scripts/steps/features-geojson';
import { buildPlan } from '../../scripts/steps/plan-json';

const plan = buildPlan();
const features = buildFeatures(plan).features;

describe('layer counts', () => {
  it("count the plan's own features only: context places outside Qingdao are drawn but never counted", () => {
    const context = features.filter((f) => f.properties.outside_qingdao);
    expect(context.length).toBeGreaterThan(0);
    const all: FeatureFilter = { layers: LAYERS.map((l) => l.id), statuses: null, chapter: null };
    const counts = countByLayer(features, all, plan.articles);
    const energy = features.filter((f) => f.properties.layer === 'energy');
    expect(counts.get('energy')).toBe(energy.length - context.length);
    // …while the map still draws them.
    expect(context.every((f) => featurePredicate(all, plan.articles)(f))).toBe(true);
  });
});
