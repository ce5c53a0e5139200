/**
 * A minimal static file server for the benchmark. It serves files uncompressed (as `vite preview` may) and
 * logs every request with its arrival time, so that the benchmark can account each first-visit response by
 * kind and compute its gzip and brotli sizes itself (see compressedSizes).
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pbf': 'application/x-protobuf',
  '.txt': 'text/plain; charset=utf-8'
};

/** A folder served at a URL prefix; the first mount holding a requested file serves it. */
export interface Mount {
  prefix: string;
  dir: string;
}

export interface RequestRecord {
  /** URL path, without the query. */
  path: string;
  status: number;
  /** Bytes of the body as served (uncompressed). */
  bytes: number;
  /** The file served, for computing compressed sizes afterwards. */
  file: string | null;
  /** Epoch milliseconds at which the request arrived. */
  at: number;
}

/** How the server answers beyond plain files. */
export interface ServeOptions {
  /**
   * Serve as a static host does in production: gzip for clients that accept it, SvelteKit's hashed files
   * cached for good, and `404.html` with status 404 for a path with no file. The byte counts stay those of the
   * files; only what goes over the wire changes (Lighthouse's throttling works from transfer sizes).
   */
  asHost?: boolean;
}

export class StaticServer {
  readonly log: RequestRecord[] = [];
  private server: Server | null = null;

  constructor(
    private readonly mounts: readonly Mount[],
    private readonly options: ServeOptions = {}
  ) {}

  /** Starts listening on 127.0.0.1 on a free port and returns the origin, e.g. `http://127.0.0.1:40123`. */
  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const at = Date.now();
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const file = this.resolveFile(path);
      const notFoundPage = this.options.asHost ? this.resolveFile('/404.html') : null;
      if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
        this.log.push({ path, status: 404, bytes: 0, file: null, at });
        if (notFoundPage && request.method === 'GET')
          response.writeHead(404, { 'content-type': TYPES['.html'] }).end(readFileSync(notFoundPage));
        else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const size = statSync(file).size;
      this.log.push({ path, status: 200, bytes: size, file, at });
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (this.options.asHost) {
        const immutable = path.includes('/_app/immutable/');
        const gzip =
          /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) && COMPRESSIBLE.test(type);
        const body = gzip ? gzipped(file) : readFileSync(file);
        response.writeHead(200, {
          'content-type': type,
          'content-length': body.length,
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {})
        });
        response.end(request.method === 'HEAD' ? undefined : body);
        return;
      }
      response.writeHead(200, {
        'content-type': type,
        'content-length': size,
        'cache-control': 'no-cache'
      });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Forgets the requests logged so far. */
  reset(): void {
    this.log.length = 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  private resolveFile(path: string): string | null {
    for (const { prefix, dir } of this.mounts) {
      if (!path.startsWith(prefix)) continue;
      const root = resolve(dir);
      const candidate = normalize(join(root, path.slice(prefix.length)));
      if (candidate !== root && !candidate.startsWith(root + sep)) continue;
      for (const file of [candidate, join(candidate, 'index.html'), `${candidate}.html`]) {
        try {
          if (statSync(file).isFile()) return file;
        } catch {
          // Not at this candidate: try the next one, then the next mount.
        }
      }
    }
    return null;
  }
}

export interface CompressedSizes {
  raw: number;
  gzip: number;
  brotli: number;
}

const sizeCache = new Map<string, CompressedSizes>();

/** Text types a host compresses (images, fonts and protobuf tiles are sent as they are). */
const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|javascript)|image\/svg)/;
const gzipCache = new Map<string, Buffer>();
function gzipped(file: string): Buffer {
  let body = gzipCache.get(file);
  if (!body) gzipCache.set(file, (body = gzipSync(readFileSync(file))));
  return body;
}

/**
 * Raw, gzip (zlib's default level 6, as servers compress on the fly) and brotli (quality 11, as hosts
 * precompress static files) sizes of a file, cached by path.
 */
export function compressedSizes(file: string): CompressedSizes {
  const cached = sizeCache.get(file);
  if (cached) return cached;
  const body = readFileSync(file);
  const sizes = {
    raw: body.length,
    gzip: gzipSync(body).length,
    brotli: brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length
      }
    }).length
  };
  sizeCache.set(file, sizes);
  return sizes;
}
