/** What a format parser hands to the importer: one or more layers of raw features, not yet checked. */
import type { PrjReading } from '../crs';
import type { RawFeature, SkipLog } from '../normalise';
import type { CrsId, ImportFormat } from '../types';

export interface ParsedLayer {
  name: string;
  raw: RawFeature[];
  /** Features a parser already left out (a row with a non-numeric coordinate …), counted here. */
  log: SkipLog;
  /** A Shapefile's .prj, read. */
  prj?: PrjReading;
  /** A system the file itself names (GeoJSON's old `crs` member). */
  declared?: CrsId;
}

export interface Parsed {
  format: ImportFormat;
  encoding?: string;
  layers: ParsedLayer[];
}

/** A strictly written decimal number (no comma decimals, no units, no thousands separators). */
export const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
