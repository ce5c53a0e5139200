/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * Offline after one visit: on install the service worker keeps the whole site for this version — the app's
 * code, every prerendered page, the data files, the embedded basemap (static/geo) and the font files the
 * labels are drawn with (static/fonts) — and answers from that copy first. A new version installs beside
 * it and waits: the page announces it, and it takes over only when the presenter asks (message
 * `skip-waiting`), so nothing changes under a running briefing. Registered by the site's layout once any page
 * has loaded (and by the briefing page at once).
 */
import { base, build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `qingdao-plan-map-${version}`;
/** Without these the site does not work offline: installing fails if any cannot be fetched. */
const CORE = [...build, ...files];
/** Written last on install: its presence says the copy is complete. */
const COMPLETE = `${base}/__offline-copy-complete`;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(CORE);
      // Pages one by one: a page that cannot be fetched is left out rather than failing the install.
      await Promise.allSettled(prerendered.map((page) => cache.add(page)));
      await cache.put(COMPLETE, new Response(version));
    })()
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key !== CACHE && key.startsWith('qingdao-plan-map-')) await caches.delete(key);
      await sw.clients.claim();
    })()
  );
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'skip-waiting') void sw.skipWaiting();
  if (data?.type === 'status') {
    const port = event.ports[0];
    event.waitUntil(
      (async () => {
        const cache = await caches.open(CACHE);
        port?.postMessage({ version, ready: (await cache.match(COMPLETE)) !== undefined });
      })()
    );
  }
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  const navigation = request.mode === 'navigate';
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // A page is the same page whatever its query (`?slide=3`, `?lang=en`); the hash never reaches here.
      const cached = await cache.match(request, { ignoreSearch: navigation });
      if (cached) return cached;
      try {
        const response = await fetch(request);
        if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
        return response;
      } catch (error) {
        // Offline, a page the copy lacks gets the site's 404 page rather than the browser's error.
        const page = navigation ? await cache.match(`${base}/404`) : undefined;
        if (page) return page;
        throw error;
      }
    })()
  );
});
