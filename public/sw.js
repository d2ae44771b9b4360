// Kith's service worker: keeps the app itself on the device so it opens
// with no signal. scripts/precache writes the built copy: it puts
// `const VERSION` and `const PRECACHE` (every file of this build) above
// this text, so each build is a new worker with its own cache.
//
// - install: caches every file of the build, all or nothing; a half-cached
//   app never takes control. It then waits: the page asks the person, and
//   only their tap ("Update now") lets it take over.
// - activate: deletes the caches of older builds.
// - fetch: the app's files, and every page load (the app is one page),
//   come from this build's cache, so the app on screen always matches its
//   worker; the network is used only for what is not cached.
// Records are never here: they live in IndexedDB, which an update leaves
// alone.

const CACHE = `kith-${VERSION}`;
// The page's "is the server there?" question: never answered from a cache.
const PROBE = '/kith-probe';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // `reload` skips the HTTP cache, so the files cached are this build's.
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kith-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'update-now') self.skipWaiting();
  if (event.data && event.data.type === 'version') event.source.postMessage({ type: 'version', version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other origins (optional street-map tiles) and the probe go to the network as they are.
  if (url.origin !== self.location.origin || url.pathname === PROBE) return;

  const key = request.mode === 'navigate' ? '/index.html' : request;
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(key).then((hit) => hit || fetch(request))),
  );
});
