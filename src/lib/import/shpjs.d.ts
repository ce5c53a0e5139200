/** The two record parsers of shpjs 6 that the importer uses (the package ships no types). */
declare module 'shpjs' {
  type Bytes = ArrayBuffer | Uint8Array | DataView;
  /** Shapes of a .shp as GeoJSON geometries; reprojected only when `prj` is given. */
  export function parseShp(shp: Bytes, prj?: string | false): unknown[];
  /** Records of a .dbf, text decoded with the encoding label `cpg` (UTF-8 when absent). */
  export function parseDbf(dbf: Bytes, cpg?: string): Record<string, unknown>[];
}
