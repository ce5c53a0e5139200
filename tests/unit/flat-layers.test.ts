import { describe, expect, test } from 'vitest';
import { project } from '@deck.gl/core';
import { DashedPathLayer } from '$lib/map/dashed-path-layer';
import {
  FLAT_AREA,
  FLAT_DOT,
  FLAT_PATH,
  FLAT_PROJECTION,
  FlatScatterplotLayer,
  FlatSolidPolygonLayer,
  specializeGlsl
} from '$lib/map/flat-layers';

type Module = { name: string; vs?: string; dependencies?: Module[] };
type Shaders = { vs: string; modules: Module[] };

/** Every module a program is assembled from, dependencies included. */
function allModules(modules: Module[]): Module[] {
  return modules.flatMap((m) => [m, ...allModules(m.dependencies ?? [])]);
}

/** A layer as deck.gl hands it a WebGL device, which is all its shaders depend on. */
function onWebgl<L extends object>(layer: L): L {
  Object.assign(layer, { context: { device: { type: 'webgl' }, defaultShaderModules: [] } });
  return layer;
}

const layers = {
  areas: () => onWebgl(new FlatSolidPolygonLayer({ id: 'areas' })).getShaders('top') as unknown as Shaders,
  paths: () => onWebgl(new DashedPathLayer({ id: 'paths' })).getShaders() as unknown as Shaders,
  dots: () => onWebgl(new FlatScatterplotLayer({ id: 'dots' })).getShaders() as unknown as Shaders
};

describe('flat layers', () => {
  test("find every case they remove in the installed deck.gl's shaders", () => {
    // A deck.gl release that renames one of these uniforms leaves that case compiled in: this names it.
    const projectVs = (project as unknown as Module).vs ?? '';
    expect(specializeGlsl(projectVs, FLAT_PROJECTION).missing).toEqual([]);
    const unspecialized = (shaders: Shaders, expressions: readonly (readonly [string, string])[]) =>
      expressions.filter(([expression]) => !shaders.vs.includes(expression));
    // The layers' own shaders, before specialization, come from their deck.gl parents.
    const parent = (layer: object) =>
      Object.getPrototypeOf(Object.getPrototypeOf(layer)) as {
        getShaders: (this: unknown, ...a: unknown[]) => Shaders;
      };
    const area = onWebgl(new FlatSolidPolygonLayer({ id: 'a' }));
    const path = onWebgl(new DashedPathLayer({ id: 'p' }));
    const dot = onWebgl(new FlatScatterplotLayer({ id: 'd' }));
    expect(unspecialized(parent(area).getShaders.call(area, 'top'), FLAT_AREA)).toEqual([]);
    expect(unspecialized(parent(path).getShaders.call(path), FLAT_PATH)).toEqual([]);
    expect(unspecialized(parent(dot).getShaders.call(dot), FLAT_DOT)).toEqual([]);
  });

  test.each(Object.entries(layers))(
    'compile %s for a flat Web Mercator map: no globe, identity, billboard or extrusion code left to run',
    (_, shaders) => {
      const { vs, modules } = shaders();
      const projection = allModules(modules).filter((m) => m.name === 'project');
      expect(projection).toHaveLength(1);
      expect(projection[0]!.vs).not.toMatch(/projectionMode == PROJECTION_MODE_(GLOBE|IDENTITY)/);
      // The Web Mercator cases stay: the map switches between them by zoom.
      expect(projection[0]!.vs).toMatch(/projectionMode == PROJECTION_MODE_WEB_MERCATOR_AUTO_OFFSET/);
      expect(vs).not.toMatch(/\b(path|scatterplot)\.billboard\b|solidPolygon\.(extruded|isWireframe)/);
      // deck.gl's shared module is left whole for anything else that uses it.
      expect((project as unknown as Module).vs).toMatch(/projectionMode == PROJECTION_MODE_GLOBE/);
    }
  );

  test('refuse props that ask for a case their shaders no longer hold', () => {
    expect(() =>
      onWebgl(new FlatSolidPolygonLayer({ id: 'tall', extruded: true })).getShaders('top')
    ).toThrow(/tall: .*flat areas only/);
    expect(() => onWebgl(new FlatScatterplotLayer({ id: 'up', billboard: true })).getShaders()).toThrow(
      /up: .*on the map only/
    );
    expect(() => onWebgl(new DashedPathLayer({ id: 'facing', billboard: true })).getShaders()).toThrow(
      /facing: .*on the map only/
    );
  });
});
