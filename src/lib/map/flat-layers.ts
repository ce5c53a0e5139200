/**
 * deck.gl's layers compiled for this map alone: a flat Web Mercator map (MapLibre's, with the globe turned
 * off, see no-globe.ts), flat areas, flat paths and dots that lie on the map.
 *
 * deck.gl picks the projection (Web Mercator, globe, identity), a path's or a dot's billboarding and an
 * area's extrusion with uniforms at run time, so each of its programs carries the code of every case. A
 * software GPU (SwiftShader: headless Chromium, and machines without a usable GPU) compiles all of it when
 * a program is first drawn, and runs all of it for every vertex, whatever the uniforms say. Writing the
 * values this map always has into the shaders lets the compiler drop the rest: measured side by side, the
 * path program's first draw went from about 550 ms to about 150 ms, and the three programs' from about 960
 * to about 450 ms.
 *
 * Each layer here refuses props that ask for a case its shaders no longer hold.
 */
import { project, project32 } from '@deck.gl/core';
import { ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';

/** [GLSL as deck.gl writes it, the value it always has on this map]. */
export type Specialization = readonly (readonly [string, string])[];

/** deck.gl's `project` module: the map is always Web Mercator, never a globe, never unprojected. */
export const FLAT_PROJECTION: Specialization = [
  ['project.projectionMode == PROJECTION_MODE_GLOBE', 'false'],
  ['project.projectionMode == PROJECTION_MODE_IDENTITY', 'false']
];
export const FLAT_PATH: Specialization = [['path.billboard', 'false']];
export const FLAT_AREA: Specialization = [
  ['solidPolygon.extruded', 'false'],
  ['solidPolygon.isWireframe', 'false']
];
export const FLAT_DOT: Specialization = [['scatterplot.billboard', 'false']];

/**
 * `source` with every expression of `specialization` replaced by its value, and the expressions it did not
 * find (a deck.gl release that renamed one: the layer still draws, only without the saving, and the unit
 * tests name what to update).
 */
export function specializeGlsl(
  source: string,
  specialization: Specialization
): { source: string; missing: string[] } {
  const missing: string[] = [];
  let result = source;
  for (const [expression, value] of specialization) {
    if (!result.includes(expression)) missing.push(expression);
    else result = result.replaceAll(expression, value);
  }
  return { source: result, missing };
}

type ShaderModule = { name: string; vs?: string; dependencies?: ShaderModule[]; instance?: unknown };

/** A copy of a module, without `instance`: luma.gl's per-module cache, filled on first use. */
function copyModule(module: unknown, changes: Partial<ShaderModule>): ShaderModule {
  const copy = { ...(module as ShaderModule), ...changes };
  delete copy.instance;
  return copy;
}

// Copies, not the shared modules: any other user of deck.gl's `project` keeps the full one.
const flatProject = copyModule(project, {
  vs: specializeGlsl((project as unknown as ShaderModule).vs ?? '', FLAT_PROJECTION).source
});
const flatProject32 = copyModule(project32, {
  dependencies: ((project32 as unknown as ShaderModule).dependencies ?? []).map((m) =>
    m.name === 'project' ? flatProject : m
  )
});

/** A layer's shaders with the flat projection and its own specialization written in. */
export function flatShaders<S extends { vs: string; modules: unknown[] }>(
  shaders: S,
  specialization: Specialization
): S {
  return {
    ...shaders,
    vs: specializeGlsl(shaders.vs, specialization).source,
    modules: shaders.modules.map((m) => (m === project32 ? flatProject32 : m))
  };
}

export class FlatSolidPolygonLayer<D = unknown> extends SolidPolygonLayer<D> {
  static override layerName = 'FlatSolidPolygonLayer';

  override getShaders(type: 'top' | 'side') {
    if (this.props.extruded || this.props.wireframe)
      throw new Error(`${this.id}: FlatSolidPolygonLayer draws flat areas only (no extruded or wireframe)`);
    return flatShaders(super.getShaders(type), FLAT_AREA);
  }
}

export class FlatScatterplotLayer<D = unknown> extends ScatterplotLayer<D> {
  static override layerName = 'FlatScatterplotLayer';

  override getShaders() {
    if (this.props.billboard)
      throw new Error(`${this.id}: FlatScatterplotLayer draws dots on the map only (no billboard)`);
    return flatShaders(super.getShaders(), FLAT_DOT);
  }
}
