// The offline cache: a service worker that keeps the whole web bundle, so a classroom with a poor
// network still runs after one visit. CMake writes the bundle's content hash into VERSION below.
'use strict';

const VERSION = '@DOJO_BUNDLE_VERSION@';
const PREFIX = 'compute-dojo-';
const CACHE = PREFIX + VERSION;
// Without these the app cannot start, so an install that misses one fails and the old version stays.
const REQUIRED = ['index.html', 'access_mirror.js', 'dojo.js', 'dojo.wasm', 'dojo.data'];
// The labs' worker files (a build without threads or WebGPU lacks some, which is fine), and
// webgpu_exercise.js, which checks kernel exercises (fetched when an exercise card first shows).
const OPTIONAL = ['lab_worker.js', 'webgpu_matmul.js', 'webgpu_exercise.js', 'dojo_labs.js', 'dojo_labs.wasm',
  'dojo_labs_mt.js', 'dojo_labs_mt.wasm', 'dojo_labs_mt.worker.js'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // 'reload' skips the HTTP cache, so a new version never stores an old file under its name.
    await cache.addAll(REQUIRED.map((name) => new Request(name, { cache: 'reload' })));
    await Promise.all(OPTIONAL.map(async (name) => {
      try {
        const response = await fetch(new Request(name, { cache: 'reload' }));
        if (response.ok) await cache.put(name, response);
      } catch {
        // missing or offline: that lab then needs the network, like before
      }
    }));
    // The first version takes over at once; a later one waits for the page to ask (see index.html),
    // so a running lesson never mixes files of two versions.
    if (!self.registration.active) await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'activate-new-version') self.skipWaiting();
  if (event.data === 'version' && event.source) event.source.postMessage({ version: VERSION });
});

// Cache first, network second. The cached responses keep the headers they were served with, COOP and
// COEP included, so the page stays cross-origin isolated offline and the threaded lab still loads.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Every address of the page (a ?theme=, ?present= or a #/route) is the one index.html.
    const hit = request.mode === 'navigate' ? await cache.match('index.html')
                                            : await cache.match(request, { ignoreSearch: true });
    return hit || fetch(request);
  })());
});
