/** Qingdao's extent, in one place for the pipeline's range checks, the benchmark's synthetic data and tests. */

/**
 * A box around the municipality's administrative area with a little sea and border around it (WGS-84).
 * Every curated position on land must fall inside it; offshore context may lie beyond.
 */
export const QINGDAO_BBOX = { west: 119.3, east: 121.1, south: 35.5, north: 37.1 } as const;
