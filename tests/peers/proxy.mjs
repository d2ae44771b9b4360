// A test proxy in front of a CouchDB-protocol server (PouchDB Server, from
// couch.mjs) that logs every request and, when told, misbehaves the way real
// servers and networks do.
//
//   const proxy = await startProxy({ target: couch.url });
//   proxy.set({ cluster: true });                       // look like CouchDB 3
//   proxy.set({ inject: [{ path: /_bulk_docs$/, status: 500, times: 2 }] });
//   proxy.requests.filter((r) => r.path.endsWith('/_changes')).map((r) => r.query.since)
//
// Options for set() (each key given replaces what was set; the rest stay):
//   cluster: true   seqs become opaque strings: `seq` and `last_seq` in
//                   _changes answers and `update_seq` in GET /<db> read like
//                   CouchDB 3's "<n>-g1AAAA…"; `since=` carries them back
//                   (an unknown string passes through as it is); _bulk_docs
//                   answers 202 (a write quorum not met) instead of 201;
//                   GET / answers with CouchDB's welcome, with the server's
//                   uuid.
//   rewind: n       the n-th _changes request from now (1: the next) is
//                   answered from one batch earlier: with the `since` of the
//                   _changes request before it on that database (0 if none),
//                   as after a shard fail-over.
//   drop: {path, method, bytes}
//                   once: the next answer to a request that matches is cut
//                   after `bytes` of its body (default half) and its socket
//                   destroyed. `drop: true` matches any request.
//   delay: [{path, method, ms, times}]
//                   the next `times` (default: every) requests that match
//                   wait `ms` before they go to the server: a slow link,
//                   long enough to act while a sync is under way.
//   cors: false     the server refuses this app's address: every CORS
//                   header is taken off its answers (preflights included),
//                   as a server whose CORS origins lack the app's would.
//   inject: [{path, method, status, times, body}]
//                   the next `times` (default 1) requests that match are
//                   answered `status` by the proxy without reaching the
//                   server, with CouchDB's error body for it (or `body`).
// A rule's `path` is a RegExp or a substring tested on the path (no query);
// `method` (default: any but OPTIONS) the request method.
//
// Every request lands in `requests` as {method, path, query, status,
// rewoundTo?, dropped?, injected?, delayed?, error?}: query is the query as the
// client sent it (opaque seqs and all). While the server is down (halted),
// the proxy drops each connection unanswered (`error`: ECONNREFUSED), so
// a client sees a network failure as it would without the proxy. CORS passes through: the server's own headers
// and OPTIONS answers are forwarded; an injected answer carries the same
// CORS headers PouchDB Server would send. Continuous and eventsource feeds
// are streamed as they are (no rewriting); every other answer is read whole
// first.
import http from 'node:http';

const ERRORS = {
  400: ['bad_request', 'Bad request'],
  401: ['unauthorized', 'Name or password is incorrect.'],
  403: ['forbidden', 'You are not allowed to access this db.'],
  404: ['not_found', 'missing'],
  409: ['conflict', 'Document update conflict.'],
  413: ['too_large', 'the request entity is too large'],
  500: ['unknown_error', 'function_clause'],
  502: ['bad_gateway', 'Bad gateway'],
  503: ['service_unavailable', 'Service unavailable'],
};

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'proxy-connection', 'upgrade']);

function matches(rule, req, path) {
  if (rule.method ? rule.method !== req.method : req.method === 'OPTIONS') return false;
  if (!rule.path) return true;
  return rule.path instanceof RegExp ? rule.path.test(path) : path.includes(rule.path);
}

// Opaque seqs, CouchDB 3 style: "<n>-g1AAAA<base64url>". The map keeps the
// way back, so the client must hand the string back as it was given.
function opaqueSeqs() {
  const back = new Map();
  return {
    hide(n) {
      if (typeof n !== 'number') return n;
      const s = `${n}-g1AAAA${Buffer.from(`kith-proxy:${n}:shard-00000000-7fffffff`).toString('base64url')}`;
      back.set(s, n);
      return s;
    },
    reveal(s) {
      return back.has(s) ? String(back.get(s)) : s;
    },
  };
}

/// Starts the proxy on 127.0.0.1 (`port`, default a free one) in front of
/// `target` (e.g. couch.url). Returns {url, requests, set, clear, stop}.
export async function startProxy({ target, port = 0 } = {}) {
  const upstream = new URL(target);
  const seqs = opaqueSeqs();
  const options = { cluster: false, rewind: 0, drop: null, inject: [], delay: [], cors: true };
  const requests = [];
  const lastSince = new Map(); // db path -> the numeric since of its last _changes request
  let changesSeen = 0;

  function set(given) {
    for (const [k, v] of Object.entries(given)) {
      if (!(k in options)) throw new Error(`proxy: no option ${k}`);
      if (k === 'inject') options.inject = v.map((r) => ({ times: 1, ...r }));
      else if (k === 'delay') options.delay = v.map((r) => ({ times: Infinity, ...r }));
      else if (k === 'rewind') { options.rewind = v; changesSeen = 0; }
      else if (k === 'drop') options.drop = v === true ? {} : v;
      else options[k] = v;
    }
  }

  function corsHeaders(req) {
    const origin = req.headers.origin;
    return origin && options.cors ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {};
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://proxy');
    const path = url.pathname;
    const entry = { method: req.method, path, query: Object.fromEntries(url.searchParams), status: null };
    requests.push(entry);
    res.once('finish', () => { if (entry.status === null) entry.status = res.statusCode; });

    // Injected status: answered here, the server never sees the request.
    const rule = options.inject.find((r) => r.times > 0 && matches(r, req, path));
    if (rule) {
      rule.times -= 1;
      req.resume();
      const [error, reason] = ERRORS[rule.status] ?? ['error', `status ${rule.status}`];
      const body = JSON.stringify(rule.body ?? { error, reason });
      entry.injected = rule.status;
      entry.status = rule.status;
      res.writeHead(rule.status, { 'content-type': 'application/json', ...corsHeaders(req) });
      res.end(body);
      return;
    }

    const slow = options.delay.find((r) => r.times > 0 && matches(r, req, path));
    if (slow) {
      slow.times -= 1;
      entry.delayed = slow.ms;
      await new Promise((r) => setTimeout(r, slow.ms));
    }

    // What goes up: since= mapped back, and rewound when asked.
    const isChanges = path.endsWith('/_changes') && req.method !== 'OPTIONS';
    if (isChanges) {
      const dbPath = path.slice(0, -'/_changes'.length);
      let since = url.searchParams.get('since');
      if (since !== null && options.cluster) since = seqs.reveal(since);
      changesSeen += 1;
      if (options.rewind && changesSeen === options.rewind) {
        options.rewind = 0;
        const earlier = lastSince.get(dbPath) ?? '0';
        entry.rewoundTo = earlier;
        lastSince.set(dbPath, earlier);
        since = earlier;
      } else if (since !== null) {
        lastSince.set(dbPath, since);
      }
      if (since !== null) url.searchParams.set('since', since);
    }

    const headers = { ...req.headers, host: upstream.host };
    delete headers['accept-encoding']; // plain bodies, to rewrite and to cut
    const up = http.request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: url.pathname + url.search,
      headers,
    });
    req.pipe(up);
    let answer;
    try {
      answer = await new Promise((resolve, reject) => {
        up.once('response', resolve);
        up.once('error', reject);
      });
    } catch (e) {
      // The server is down: so is the proxy, for this request (no answer).
      entry.error = e.code ?? String(e);
      req.socket.destroy();
      return;
    }

    const outHeaders = {};
    for (const [k, v] of Object.entries(answer.headers)) {
      if (HOP.has(k) || (!options.cors && k.startsWith('access-control-'))) continue;
      outHeaders[k] = v;
    }
    let status = answer.statusCode;

    const feed = url.searchParams.get('feed');
    if (isChanges && (feed === 'continuous' || feed === 'eventsource')) {
      entry.status = status;
      res.writeHead(status, outHeaders);
      answer.pipe(res);
      return;
    }

    const chunks = [];
    for await (const c of answer) chunks.push(c);
    let body = Buffer.concat(chunks);

    // PouchDB Server labels some JSON text/plain: rewrite what parses.
    if (options.cluster && status < 300) {
      body = rewrite(req.method, path, body);
      if (req.method === 'POST' && path.endsWith('/_bulk_docs') && status === 201) status = 202;
    }
    entry.status = status;

    const drop = options.drop;
    if (drop && matches(drop, req, path)) {
      options.drop = null;
      entry.dropped = true;
      const cut = Math.max(0, Math.min(body.length - 1, drop.bytes ?? Math.floor(body.length / 2)));
      res.writeHead(status, { ...outHeaders, 'content-length': body.length });
      res.write(body.subarray(0, cut), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.writeHead(status, { ...outHeaders, 'content-length': body.length });
    res.end(body);
  }

  function rewrite(method, path, body) {
    let json;
    try { json = JSON.parse(body.toString('utf8')); } catch { return body; }
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 0 && method === 'GET' && json['express-pouchdb']) {
      json = {
        couchdb: 'Welcome', version: '3.3.3', git_sha: '40afbcfc7',
        uuid: json.uuid, features: ['access-ready', 'partitioned', 'pluggable-storage-engines', 'reshard', 'scheduler'],
        vendor: { name: 'The Apache Software Foundation' },
      };
    } else if (parts.length === 1 && method === 'GET' && !parts[0].startsWith('_') && 'update_seq' in json) {
      json.update_seq = seqs.hide(json.update_seq);
    } else if (parts.at(-1) === '_changes') {
      for (const r of json.results ?? []) r.seq = seqs.hide(r.seq);
      if ('last_seq' in json) json.last_seq = seqs.hide(json.last_seq);
    } else {
      return body;
    }
    return Buffer.from(JSON.stringify(json));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) { res.writeHead(502); res.end(String(e)); } else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    set,
    /// Empties the request log.
    clear() { requests.length = 0; },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { startProxy as start };
