/**
 * A small tile server on localhost standing in for the street basemap providers. The first path segment
 * says how it behaves, the rest is the provider's own path and query (the site's tile base override
 * replaces only the host): `/ok/…` answers PNG tiles (a street grid; Tianditu's `cva_w` label layer a
 * transparent tile with one dark mark), `/error/…` HTTP 500, `/garbage/…` bytes that are no image, with
 * an image content type, and `/hang/…` never answers. Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PNG } from 'pngjs';

export type TileMode = 'ok' | 'error' | 'garbage' | 'hang';

/** The background of the test street tiles, far from every colour of the embedded basemap. */
export const TILE_BACKGROUND = [214, 226, 200] as const;

function png(draw: (x: number, y: number) => readonly [number, number, number, number]): Buffer {
  const image = new PNG({ width: 256, height: 256 });
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      const i = (y * 256 + x) * 4;
      const [r, g, b, a] = draw(x, y);
      image.data[i] = r;
      image.data[i + 1] = g;
      image.data[i + 2] = b;
      image.data[i + 3] = a;
    }
  }
  return PNG.sync.write(image);
}

/** A seamless street grid: minor streets every 64 px, main roads every 128 px. */
const STREETS = png((x, y) => {
  const main = (v: number) => v % 128 < 7;
  const minor = (v: number) => v % 64 < 4;
  if (main(x) || main(y)) return [250, 214, 140, 255];
  if (minor(x) || minor(y)) return [255, 255, 255, 255];
  return [...TILE_BACKGROUND, 255];
});

/** A label layer: transparent but for one dark mark, as a street name would be. */
const LABELS = png((x, y) => (x >= 90 && x < 150 && y >= 100 && y < 108 ? [60, 60, 60, 255] : [0, 0, 0, 0]));

export interface TileServer {
  /** `<publicBase>/mode`: what the site's tile base override is set to. */
  base(mode: TileMode): string;
  /** Paths (with query) of the requests received, newest last. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Starts the server on `port`; the site reaches it at `publicBase` (the preview server's /__test-tiles,
 * which passes requests on: the site's Content-Security-Policy refuses tiles from any other origin).
 */
export async function startTileServer(port: number, publicBase: string): Promise<TileServer> {
  const requests: string[] = [];
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    requests.push(url);
    const mode = url.split('/')[1] as TileMode;
    // MapLibre fetches tiles from the site's origin: every answer, errors included, allows it.
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Cache-Control', 'no-store');
    if (mode === 'hang') return;
    if (mode === 'error') {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end('tile server error');
      return;
    }
    if (mode === 'garbage') {
      response
        .writeHead(200, { 'Content-Type': 'image/png' })
        .end(Buffer.from('<html>this is not a tile</html>'.repeat(20)));
      return;
    }
    if (mode !== 'ok') {
      response.writeHead(404).end();
      return;
    }
    const body = url.includes('/cva_w/') ? LABELS : STREETS;
    response.writeHead(200, { 'Content-Type': 'image/png' }).end(body);
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    base: (mode) => `${publicBase}/${mode}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Hung requests would keep the server open.
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}
