/* Strongback's service worker: the session page and its assets work without a network.
 *
 * The page and the session's state are fetched from the network first and kept as a fallback;
 * the static assets are served from the cache first. Sets are not queued here: the page queues
 * them in localStorage and sends them when the network returns. */
const CACHE = 'strongback-session-v1';
const SHELL = [
  '/session',
  '/static/session.js',
  '/static/session.css',
  '/static/style.css',
  '/static/favicon.svg',
  '/static/manifest.webmanifest',
  '/static/vendor/htmx-2.0.11.min.js',
];
const NETWORK_FIRST = ['/session', '/api/v1/sessions/active'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  return cached || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (NETWORK_FIRST.includes(url.pathname)) event.respondWith(networkFirst(event.request));
  else if (SHELL.includes(url.pathname)) event.respondWith(cacheFirst(event.request));
});
