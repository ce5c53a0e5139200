/**
 * Curated layers: data/features/<layer>/<layer>.geojson, one GeoJSON FeatureCollection per layer of the
 * registry, one feature per place the plan names (see data/features/SOURCES.md).
 */
import * as turf from '@turf/turf';
import { z } from 'zod';
import { DataError } from '../../../src/lib/data/data-error';
import { LAYERS, layerInfo } from '../../../src/lib/plan/layers';
import type { Precision } from '../../../src/lib/plan/vocabulary';
import { featurePropertiesObject, type PlanFeature } from '../../../src/lib/plan/schema';
import { parseJson } from '../read';
import {
  GeometryError,
  checkAreaValidity,
  checkGeometryStructure,
  deriveGeometry,
  deriveSchema,
  positionsOf,
  type Derive
} from './geometry';
import { OFFSHORE_OPS } from './offshore';
import { REGION_BUFFER_KM, regionDistanceKm, type Region } from './region';

/** Every layer of the registry has a curated file; transport's sits beside the metro files. */
export const CURATED_LAYER_IDS: readonly string[] = LAYERS.map((layer) => layer.id);

/** The curated file of a layer, relative to the repository root. */
export function curatedLayerFile(layer: string): string {
  return `data/features/${layer}/${layer}.geojson`;
}

/** The properties of a curated feature as written in the layer file. */
export const curatedPropertiesSchema = featurePropertiesObject
  .omit({
    line: true,
    color: true,
    length_official_km: true,
    length_official_source: true,
    length_stations_km: true,
    station_count: true,
    seq: true,
    lines: true,
    uncertainty_basis: true,
    label_point: true
  })
  .extend({
    mentions_zh: z.array(z.string().min(2)).min(1).optional(),
    derive: deriveSchema.optional()
  })
  .strict()
  .refine((p) => p.outside_qingdao === true || p.mentions_zh !== undefined, {
    message: 'required for a feature the plan names',
    path: ['mentions_zh']
  });

/**
 * Precision follows the weakest part of the evidence. What the build can hold a curated feature to:
 * - nothing curated is `surveyed`: only positions measured as the thing itself are (the metro stations,
 *   OpenStreetMap nodes, built by their own step), and a curated layer's geometry is always drawn, cut
 *   from the basemap or placed from a source's point;
 * - a geometry derived from a published description (a distance and direction offshore, an area, an
 *   offset from a town) is `indicative`, whatever else is known about the place.
 */
export function precisionIssue(
  precision: Precision,
  derive: Derive | undefined
): { rule: string; detail: string } | null {
  if (precision === 'surveyed') {
    return {
      rule: 'surveyed precision in a curated layer',
      detail:
        'curated positions are at best approximate; only measured positions (the metro stations) are surveyed'
    };
  }
  if (derive && OFFSHORE_OPS.includes(derive.op) && precision !== 'indicative') {
    return {
      rule: 'precision finer than its derivation',
      detail: `a position derived from a published description (derive ${derive.op}) is indicative, not ${precision}`
    };
  }
  return null;
}

/**
 * Parses one curated layer file and builds its features: schema, layer and kind, geometry structure,
 * derivation, polygon validity and the in-region rule, each failure a DataError naming file, feature and rule.
 */
export function curatedLayerFeatures(
  text: string,
  file: string,
  layer: string,
  region: Region
): PlanFeature[] {
  const info = layerInfo(layer);
  if (!info)
    throw new DataError(file, 'file', 'unknown layer', `"${layer}" is not in src/lib/plan/layers.ts`);
  const parsed = z
    .object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) })
    .safeParse(parseJson(text, file));
  if (!parsed.success) throw new DataError(file, 'file', 'not a GeoJSON FeatureCollection');
  const kinds = new Set(info.legend.map((k) => k.kind));
  const ids = new Set<string>();
  return parsed.data.features.map((raw, index) => {
    const record = z
      .object({
        type: z.literal('Feature'),
        properties: z.record(z.string(), z.unknown()),
        geometry: z.unknown()
      })
      .safeParse(raw);
    if (!record.success)
      throw new DataError(file, `feature ${index + 1}`, 'not a GeoJSON Feature with properties');
    const rawId = record.data.properties.id;
    const where = `feature ${typeof rawId === 'string' ? rawId : `#${index + 1}`}`;
    const props = curatedPropertiesSchema.safeParse(record.data.properties);
    if (!props.success) {
      const issue = props.error.issues[0];
      throw new DataError(
        file,
        where,
        'feature properties fail the schema',
        `${issue?.path.join('.')}: ${issue?.message}`
      );
    }
    const { derive, ...properties } = props.data;
    const precision = precisionIssue(properties.precision, derive);
    if (precision) throw new DataError(file, where, precision.rule, precision.detail);
    if (ids.has(properties.id)) throw new DataError(file, where, 'duplicate feature id');
    ids.add(properties.id);
    if (properties.layer !== layer) {
      throw new DataError(
        file,
        where,
        'feature in the wrong layer file',
        `layer "${properties.layer}" in ${layer}'s file`
      );
    }
    if (!kinds.has(properties.kind)) {
      throw new DataError(
        file,
        where,
        'kind not in the layer legend',
        `"${properties.kind}" (expected ${[...kinds].join(', ')})`
      );
    }
    let geometry: GeoJSON.Geometry;
    try {
      const drawn =
        record.data.geometry === null && derive?.op === 'districts'
          ? null
          : checkGeometryStructure(record.data.geometry);
      geometry = derive ? deriveGeometry(derive, drawn, region) : (drawn as GeoJSON.Geometry);
      // District outlines are the basemap's own, checked by its build; two of them touch themselves at a
      // vertex, which turf kinks reports, so only drawn and cut geometry gets the kinks rule here.
      if (derive?.op === 'districts') {
        if (!turf.booleanValid(geometry))
          throw new GeometryError('invalid polygon', 'the district union is not valid');
      } else {
        checkAreaValidity(geometry);
      }
    } catch (error) {
      if (error instanceof GeometryError) throw new DataError(file, where, error.rule, error.detail);
      throw error;
    }
    // A zone at sea was checked against the land and the basemap's extent instead (./offshore.ts).
    if (derive && OFFSHORE_OPS.includes(derive.op) && derive.op !== 'offset') {
      return { type: 'Feature', id: properties.id, properties, geometry };
    }
    const distances = positionsOf(geometry).map((p) => ({ p, km: regionDistanceKm(region, p) }));
    if (properties.regional) {
      if (!distances.some(({ km }) => km <= REGION_BUFFER_KM)) {
        throw new DataError(
          file,
          where,
          'regional feature does not reach the Qingdao region',
          'no position within the district polygons'
        );
      }
    } else {
      const outside = distances.find(({ km }) => km > REGION_BUFFER_KM);
      if (outside) {
        throw new DataError(
          file,
          where,
          'outside the Qingdao region',
          `${outside.p.join(', ')} is ${outside.km.toFixed(1)} km from the nearest district (limit ${REGION_BUFFER_KM} km); mark regional: true if the place reaches beyond Qingdao`
        );
      }
    }
    return { type: 'Feature', id: properties.id, properties, geometry };
  });
}
