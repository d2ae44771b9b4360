// Kith's service worker: keeps the app itself on the device so it opens
// with no signal. scripts/precache writes the built copy: it puts
// `const VERSION` and `const PRECACHE` (every file of this build) above
// this text, so each build is a new worker with its own cache.
//
// - install: fetches every file of the build and checks each answer before
//   keeping any (a host mid-deploy may answer a file it lacks with
//   index.html: 200, text/html, for the app's script or wasm). One bad
//   answer fails the install: its cache is deleted and the version already
//   running stays, with its own cache, online and offline. A half-cached
//   app never takes control. A good install waits: the page asks the
//   person, and only their tap ("Update now") lets it take over.
// - activate: deletes the caches of older builds.
// - fetch: the app's files, and every page load (the app is one page),
//   come from this build's cache, so the app on screen always matches its
//   worker; the network is used only for what is not cached.
// Records are never here: they live in IndexedDB, which an update leaves
// alone.

const CACHE = `kith-${VERSION}`;
// The page's "is the server there?" question: never answered from a cache.
const PROBE = '/kith-probe';

// The Content-Types a file of each kind may come with. Any other file may
// come with any type but text/html: an HTML page in its place is a host's
// "not found".
const TYPES = {
  html: ['text/html'],
  js: ['text/javascript', 'application/javascript'],
  wasm: ['application/wasm'],
  css: ['text/css'],
};

/// Why `response` cannot be kept as the file `url`, or null when it can.
function unfit(url, response) {
  if (!response.ok) return `the server answered ${response.status}`;
  const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  const name = url.slice(url.lastIndexOf('/') + 1);
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const fits = TYPES[extension] ? TYPES[extension].includes(type) : type !== 'text/html';
  return fits ? null : `it came as ${type || 'no type'}`;
}

/// Every file of the build, fetched and checked, then kept; all or nothing.
async function precache() {
  try {
    const answers = await Promise.all(
      PRECACHE.map(async (url) => {
        // `reload` skips the HTTP cache, so the files cached are this build's.
        const response = await fetch(new Request(url, { cache: 'reload' }));
        const why = unfit(url, response);
        if (why) throw new Error(`Kith ${VERSION} not installed: ${url} cannot be kept (${why})`);
        // Read now: a body left unread holds its connection, and the
        // browser opens only a few to one host. The copy kept is a plain
        // answer, never a redirected one, which a page load refuses (a host
        // may send /index.html on to /).
        const { status, statusText, headers } = response;
        return [url, new Response(await response.blob(), { status, statusText, headers })];
      }),
    );
    const cache = await caches.open(CACHE);
    await Promise.all(answers.map(([url, response]) => cache.put(url, response)));
  } catch (error) {
    // Nothing half-filled is left behind; the cache is this build's alone
    // (its version covers this worker too), never the running one's.
    await caches.delete(CACHE);
    throw error;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
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
