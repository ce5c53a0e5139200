/**
 * Shapes shared by the importer: what goes in (named files as bytes), what comes out (layers in WGS-84
 * or structured errors), and where in a file a problem sits.
 */
import type { FeatureCollection } from 'geojson';

/** One file handed to the importer: its name as the user sees it and its raw bytes. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
  /**
   * The file's size in bytes, where its bytes were left unread because it is over the size budget (see
   * client.ts `fromBlob`); absent when `bytes` is the whole file.
   */
  size?: number;
}

/** The coordinate systems an import can be read in. Projected systems are named by EPSG code. */
export type Datum = 'WGS84' | 'GCJ02' | 'BD09';
export type CrsId = Datum | `EPSG:${number}`;

/** Where in a file something was found; every part optional, as formats differ in what they can tell. */
export interface Where {
  /** 1-based line in the decoded text. */
  line?: number;
  /** 0-based index of the feature (row, placemark, waypoint, record) in the file. */
  feature?: number;
  /** Property, column or attribute name. */
  field?: string;
  /** Entry inside a zip archive. */
  entry?: string;
}

/** Every kind of problem the importer reports, for a whole file or for one feature. */
export type ImportCode =
  | 'empty'
  | 'unsupported'
  | 'wrong-type'
  | 'malformed'
  | 'truncated'
  | 'encoding'
  | 'xml-doctype'
  | 'zip-path'
  | 'zip-bomb'
  | 'zip-missing'
  | 'too-large'
  | 'too-many-features'
  | 'too-many-vertices'
  | 'too-deep'
  | 'no-coordinates-columns'
  | 'projected-unknown'
  | 'crs-unsupported'
  | 'no-features'
  | 'timeout'
  | 'cancelled'
  | 'internal'
  // Reasons a single feature is skipped:
  | 'non-numeric'
  | 'out-of-range'
  | 'not-finite'
  | 'placeholder'
  | 'no-geometry'
  | 'bad-geometry'
  | 'field-count';

/** Parameters a message is filled with (a budget's limit, a column list, …). */
export type MessageParams = Record<string, string | number>;

/** A problem that stops one file from importing. Other files in the same call are unaffected. */
export interface ImportError {
  file: string;
  code: ImportCode;
  where?: Where;
  params?: MessageParams;
  /** English and Chinese text, ready to show (as text, never as HTML). */
  message: { en: string; zh: string };
}

/** One skipped feature kept as an example, so the user can find it in the file. */
export interface SkipExample {
  code: ImportCode;
  where: Where;
  message: { en: string; zh: string };
}

/** What was left out of an otherwise good file: counts by reason and the first few examples. */
export interface Skipped {
  total: number;
  byReason: Partial<Record<ImportCode, number>>;
  examples: SkipExample[];
}

/** How the importer read a file's coordinates. */
export interface CrsReport {
  /** What the file says or what its values show: a datum, an EPSG code, 'projected' or 'unknown'. */
  detected: CrsId | 'projected' | 'unknown';
  /** The system the coordinates were converted from to reach WGS-84 ('prj': the .prj's own WKT). */
  applied: CrsId | 'prj';
  /** The system's name as a .prj gives it. */
  name?: string;
  /** Whether each pair was read as (y, x): the file gave the northing first. */
  swapXY?: boolean;
  /** Where `detected` came from. */
  source: 'prj' | 'file' | 'option' | 'values' | 'default';
  /** A system the data look like they are in when it differs from `applied` (see offset.ts). */
  suggested?: DatumSuggestion;
}

/** The outcome of comparing a layer's points with known station positions under each datum. */
export interface DatumSuggestion {
  likely: Datum | null;
  /** 'names': points matched to stations by name; 'proximity': nearest station, whatever its name. */
  by: 'names' | 'proximity';
  /** How many points the comparison used. */
  points: number;
  /** Median distance in metres to the matching (or nearest) station, for each datum read. */
  medianMetres: Record<Datum, number>;
}

/** One imported layer. Its features are a complete FeatureCollection in WGS-84 `[lon, lat]`. */
export interface ImportLayer {
  /** The file's name without its extension (for a zip holding several shapefiles, the entry's name). */
  name: string;
  file: string;
  format: ImportFormat;
  /** The text encoding the file was read in, where it was text. */
  encoding?: string;
  features: FeatureCollection;
  crs: CrsReport;
  skipped: Skipped;
  /** The extent and the properties, worked out with the features in the import's worker. */
  summary?: {
    bbox: [number, number, number, number] | null;
    properties: { name: string; numeric: boolean }[];
  };
}

export type ImportFormat = 'geojson' | 'topojson' | 'kml' | 'kmz' | 'gpx' | 'csv' | 'shapefile';

export interface ImportResult {
  layers: ImportLayer[];
  errors: ImportError[];
}

/** Limits on what one file may hold. Each one is named in the message when it is exceeded. */
export interface Budget {
  /** Bytes of the file as given. */
  maxBytes: number;
  /** Features in one file. */
  maxFeatures: number;
  /** Coordinate pairs in one file. */
  maxVertices: number;
  /** Nesting of JSON arrays/objects and of XML elements. */
  maxDepth: number;
  /** Total uncompressed bytes a zip may claim. */
  maxUnzippedBytes: number;
  /** Uncompressed-to-compressed ratio above which a zip entry counts as a bomb. */
  maxZipRatio: number;
  /** Entries in one zip. */
  maxZipEntries: number;
}

export const DEFAULT_BUDGET: Budget = {
  maxBytes: 100 * 1024 * 1024,
  maxFeatures: 250_000,
  maxVertices: 5_000_000,
  maxDepth: 64,
  maxUnzippedBytes: 300 * 1024 * 1024,
  maxZipRatio: 200,
  maxZipEntries: 1_000
};

/** A metro station's position (WGS-84) and names, for the datum suggestion. */
export interface Station {
  name_zh: string;
  name_en?: string;
  lonlat: [number, number];
}

/** The parser for XML text (xml-parser.ts; injected so that the parsing functions stay free of a DOM). */
export type XmlParser = (text: string) => Document;

export interface ImportOptions {
  budget?: Partial<Budget>;
  /** Read every file's coordinates in this system instead of detecting it. */
  crs?: CrsId;
  /** Read each pair as (y, x), for tables that give the northing (X in Chinese surveying) first. */
  swapXY?: boolean;
  /** Known stations, to suggest GCJ-02 or BD-09 when points sit offset from them. */
  stations?: readonly Station[];
  parseXml: XmlParser;
}
