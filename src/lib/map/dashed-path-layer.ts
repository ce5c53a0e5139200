/**
 * A deck.gl PathLayer that dashes each path by a per-feature pattern, drawing exactly what
 * `PathStyleExtension({ dash: true })` from @deck.gl/extensions drew here with `dashJustified: true`, square
 * caps and the pattern in line widths: each segment is stretched to hold a whole number of dashes, with half
 * a dash at each end, and the gaps are neither drawn nor picked. Our own because that extension module also
 * carries offsets, whole-path dash metrics, and dashes for circles and text backgrounds, none of which this
 * site uses, in every first visit's download.
 */
import type { Accessor, DefaultProps } from '@deck.gl/core';
import { PathLayer, type PathLayerProps } from '@deck.gl/layers';
import { FLAT_PATH, flatShaders } from './flat-layers';

export interface DashProps<D> {
  /** [dash, gap] in line widths; [0, 0] draws the path solid. */
  getDashArray: Accessor<D, readonly [number, number]>;
}

/**
 * Shader code, in deck.gl's PathLayer terms: `vPathPosition.y` is the distance along the segment and
 * `vPathLength` the segment's length, both in line widths (a non-billboard path, as every path here is).
 * The coverage of a fragment is the share of its footprint along the path that falls on a dash, which
 * smooths the dash ends as deck.gl's extension does; picking uses the hard edge.
 */
const dashModule = {
  name: 'planDash',
  inject: {
    'vs:#decl': 'in vec2 instanceDashArrays;\nout vec2 vDashArray;\n',
    'vs:#main-end': 'vDashArray = instanceDashArrays;\n',
    'fs:#decl': `in vec2 vDashArray;
float planDashIntegral(float x, float solid, float unit) {
  return floor(x / unit) * solid + min(mod(x, unit), solid);
}
`,
    'fs:#main-start': `float dashCoverage = 1.0;
float dashSolid = vDashArray.x;
float dashUnit = vDashArray.x + vDashArray.y;
if (dashUnit > 0.0 && vDashArray.y > 0.0) {
  dashUnit = vPathLength / max(round(vPathLength / dashUnit), 1.0);
  dashSolid = min(dashSolid, dashUnit);
  float along = vPathPosition.y + dashSolid / 2.0;
  float inUnit = mod(along, dashUnit);
  if (bool(picking.isActive)) {
    if (inUnit > dashSolid) discard;
  } else {
    float filterWidth = max(fwidth(along), 0.0001);
    dashCoverage = clamp(
      (planDashIntegral(inUnit + 0.5 * filterWidth, dashSolid, dashUnit) -
        planDashIntegral(inUnit - 0.5 * filterWidth, dashSolid, dashUnit)) / filterWidth,
      0.0,
      1.0
    );
    if (dashCoverage <= 0.0) discard;
  }
}
`,
    'fs:#main-end': 'fragColor.a *= dashCoverage;\n'
  }
};

export class DashedPathLayer<D = unknown> extends PathLayer<D, DashProps<D>> {
  static override layerName = 'DashedPathLayer';
  static override defaultProps: DefaultProps<PathLayerProps & DashProps<unknown>> = {
    getDashArray: { type: 'accessor', value: [0, 0] }
  };

  /** Flat paths only (no billboard): the dashes measure along the map, and the shaders are compiled flat. */
  override getShaders() {
    if (this.props.billboard)
      throw new Error(`${this.id}: DashedPathLayer draws paths on the map only (no billboard)`);
    const shaders = super.getShaders();
    return flatShaders({ ...shaders, modules: [...shaders.modules, dashModule] }, FLAT_PATH);
  }

  override initializeState() {
    super.initializeState();
    this.getAttributeManager()!.addInstanced({
      instanceDashArrays: { size: 2, accessor: 'getDashArray' }
    });
  }
}
