/**
 * data/gazetteer/towns.json: Qingdao's towns and subdistricts with a GeoNames point each, and those left
 * without one and why. Written by `npm run gazetteer` (scripts/build-gazetteer.ts), committed, and read by
 * the pipeline, which checks every point against its own district again.
 */
import { z } from 'zod';
import { DataError } from '../../../src/lib/data/data-error';
import type { Region } from '../features/region';
import { parseJsonRecords } from '../json-records';
import { readText } from '../read';
import { ownDistrictProblem } from './locate';
import { UNMATCHED_REASONS, type MatchedTown, type UnmatchedDivision } from './match';

export const GAZETTEER_DIR = 'data/gazetteer';
export const TOWNS_FILE = `${GAZETTEER_DIR}/towns.json`;

const code = z.string().regex(/^3702\d{5}$/);
const adcode = z.string().regex(/^3702\d{2}$/);

export const townSchema = z
  .object({
    code,
    name_zh: z.string().min(2),
    short_zh: z.string().min(1),
    name_en: z.string().min(1),
    district: adcode,
    district_zh: z.string().min(1),
    kind: z.enum(['town', 'subdistrict']),
    lon: z.number(),
    lat: z.number(),
    source: z.string().min(1)
  })
  .strict() satisfies z.ZodType<MatchedTown>;

export const unmatchedSchema = z
  .object({
    code,
    name_zh: z.string().min(2),
    district: adcode,
    district_zh: z.string().min(1),
    reason: z.enum(UNMATCHED_REASONS),
    note: z.string().min(1)
  })
  .strict() satisfies z.ZodType<UnmatchedDivision>;

export const townsFileSchema = z
  .object({
    note_en: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    /** How many 乡级 divisions of Qingdao the division list holds (matched + unmatched). */
    divisions: z.number().int().positive(),
    towns: z.array(townSchema),
    unmatched: z.array(unmatchedSchema)
  })
  .strict();
export type TownsFile = z.infer<typeof townsFileSchema>;

/**
 * Parses the towns file and checks what the schema cannot: the counts add up, codes are unique and belong
 * to their district, and every town's point lies in its own district (or within 3 km of it, inside no other).
 */
export function parseTowns(text: string, file: string, region: Region): TownsFile {
  const data = parseJsonRecords(text, file, townsFileSchema, 'towns record');
  if (data.towns.length + data.unmatched.length !== data.divisions) {
    throw new DataError(
      file,
      'top level',
      'towns and unmatched do not add up to divisions',
      `${data.towns.length} + ${data.unmatched.length} ≠ ${data.divisions}`
    );
  }
  const seen = new Set<string>();
  for (const record of [...data.towns, ...data.unmatched]) {
    const where = `${record.name_zh} (${record.code})`;
    if (seen.has(record.code)) throw new DataError(file, where, 'duplicate division code');
    seen.add(record.code);
    if (!record.code.startsWith(record.district)) {
      throw new DataError(file, where, 'code does not start with its district', record.district);
    }
    const district = region.districts.find((d) => d.adcode === record.district);
    if (district?.name_zh !== record.district_zh) {
      throw new DataError(
        file,
        where,
        'district name does not match the basemap',
        `${record.district} is ${district?.name_zh ?? 'not a district'}, not ${record.district_zh}`
      );
    }
  }
  for (const town of data.towns) {
    const problem = ownDistrictProblem(region, [town.lon, town.lat], town.district);
    if (problem) {
      throw new DataError(
        file,
        `${town.name_zh} (${town.code})`,
        'point outside its own district',
        `${town.source}: ${problem}`
      );
    }
  }
  return data;
}

/** Reads and checks data/gazetteer/towns.json. */
export function readTowns(region: Region, root = process.cwd()): TownsFile {
  return parseTowns(readText(root, TOWNS_FILE), TOWNS_FILE, region);
}
