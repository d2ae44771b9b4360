// A real CouchDB-protocol peer for tests: PouchDB Server 4.2.0 on
// 127.0.0.1, as a child process run from its own temporary directory (it
// writes log.txt and config.json where it runs), plus small helpers over
// plain HTTP to set it up and read it back.
//
//   const couch = await startCouch();            // in memory, a free port
//   await couch.createDb('kith');
//   ... couch.url + '/kith' ...
//   await couch.stop();
//
// In memory (the default) a restart comes back empty: the databases live in
// the process. `durable: true` keeps them in LevelDB files in the temporary
// directory instead, so `restart()` (or `halt()` then `resume()`) brings the
// same data back on the same port: a server stopped mid-sync and started
// again. `dir` puts those files (and log.txt, config.json) in a directory
// of the caller's that is kept after stop (scripts/serve's $KITH_CACHE/couch).
//
// Users (what PouchDB Server 4.2.0 supports, as CouchDB does):
//   - with no admin, everyone is an admin ("admin party");
//   - addAdmin(name, password) is PUT /_config/admins/<name> "<password>"
//     (kept hashed in config.json); from then on this handle sends that
//     admin's Basic credentials with every helper request, and a request
//     without credentials is an anonymous non-admin;
//   - addUser(name, password) is PUT /_users/org.couchdb.user:<name>
//     {name, password, roles, type: "user"}: a non-admin with a password;
//   - setSecurity(db, {members: {names: [...]}}) makes the database readable
//     and writable by those names only (and admins): others get 401.
// Quirk: a NON-admin's PUT /<new db> crashes PouchDB Server 4.2.0
// (express-pouchdb "db.info is not a function"): create databases as admin.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.join(HERE, 'node_modules/pouchdb-server/bin/pouchdb-server');

// Children still running when this process exits are killed with it.
const running = new Set();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/// A port nobody listens on right now, on 127.0.0.1.
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/// Starts PouchDB Server. Options: `port` (default: a free one), `durable`
/// (LevelDB files, kept across restart), `dir` (a working directory to use
/// and keep, implies durable), `timeoutMs` to wait for `GET /`, `count` (a
/// port where count.cjs, preloaded into the server, tells what its clients
/// sent and received: scripts/bench sync).
/// Returns {url, port, dir, stop(), halt(), resume(), restart(), ...helpers}.
export async function startCouch({ port, durable = false, dir, timeoutMs = 20_000, count } = {}) {
  const keepDir = Boolean(dir);
  const work = dir ?? mkdtempSync(path.join(tmpdir(), 'kith-couch-'));
  mkdirSync(work, { recursive: true });
  const inMemory = !durable && !keepDir;
  port = port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let child = null;

  async function resume() {
    if (child) return;
    const args = [BIN, '--host', '127.0.0.1', '--port', String(port), '--no-stdout-logs'];
    if (count) args.unshift('--require', path.join(HERE, 'count.cjs'));
    if (inMemory) args.push('--in-memory');
    else args.push('--dir', path.join(work, 'data'));
    if (!inMemory) mkdirSync(path.join(work, 'data'), { recursive: true });
    const env = count ? { ...process.env, KITH_COUNT_PORT: String(count) } : process.env;
    const proc = spawn(process.execPath, args, { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    proc.stderr.on('data', (d) => { said += d; });
    let exited = null;
    proc.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(proc);
      if (child === proc) child = null;
    });
    running.add(proc);
    child = proc;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error(`PouchDB Server on port ${port} exited (${exited.code ?? exited.signal}): ${said.trim()}`);
      try {
        const r = await fetch(url + '/', { signal: AbortSignal.timeout(1000) });
        if (r.ok && (await r.json())['express-pouchdb']) return;
      } catch { /* not up yet */ }
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`PouchDB Server did not answer on ${url} within ${timeoutMs} ms: ${said.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /// Stops the server, keeping its port and (when durable) its data.
  async function halt() {
    const proc = child;
    if (!proc) return;
    child = null;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const late = setTimeout(() => proc.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(late);
  }

  await resume();
  // The client itself, so its `auth` stays a live property.
  return Object.assign(couchClient(url), {
    url,
    port,
    dir: work,
    durable: !inMemory,
    halt,
    resume,
    /// Stops and starts again on the same port (in memory: empty again).
    async restart() {
      await halt();
      await resume();
    },
    /// Stops for good; removes the temporary directory.
    async stop() {
      await halt();
      if (!keepDir) rmSync(work, { recursive: true, force: true });
    },
  });
}

/// Helpers over plain HTTP for a CouchDB-protocol server at `url` (a server
/// or a proxy in front of one). `auth` {name, password} is sent as Basic.
/// Each throws an Error with `.status` and `.body` on an answer that is not
/// 2xx, except where said.
export function couchClient(url, { auth } = {}) {
  const base = url.replace(/\/$/, '');
  const state = { auth };

  async function request(method, pathAndQuery, body, { ok = [] } = {}) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (state.auth) {
      headers.authorization = 'Basic ' + Buffer.from(`${state.auth.name}:${state.auth.password}`).toString('base64');
    }
    const send = () => fetch(base + pathAndQuery, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    let r;
    try {
      r = await send();
    } catch (e) {
      // A kept-alive connection the server had just closed (PouchDB
      // Server does after some long answers): a read is asked again once.
      if (e.cause?.code !== 'UND_ERR_SOCKET' || !['GET', 'HEAD'].includes(method)) throw e;
      r = await send();
    }
    const text = await r.text();
    let json;
    try { json = JSON.parse(text); } catch { json = text; }
    if (!r.ok && !ok.includes(r.status)) {
      const e = new Error(`${method} ${pathAndQuery}: ${r.status} ${text.slice(0, 300)}`);
      e.status = r.status;
      e.body = json;
      throw e;
    }
    return json;
  }

  const db = (name) => '/' + encodeURIComponent(name);
  const id = (docId) => docId.split('/').map(encodeURIComponent).join('/'); // _local/x, _design/x

  return {
    /// The credentials helpers send ({name, password} or undefined).
    get auth() { return state.auth; },
    set auth(a) { state.auth = a; },
    request,
    /// Creates a database; true if made, false if it was there already.
    async createDb(name) {
      const r = await request('PUT', db(name), undefined, { ok: [412] });
      return r.ok === true;
    },
    /// Deletes a database (PouchDB Server says ok when there was none too).
    async deleteDb(name) {
      await request('DELETE', db(name), undefined, { ok: [404] });
    },
    dbInfo: (name) => request('GET', db(name)),
    /// Rows of _all_docs with their docs; `conflicts: true` adds `_conflicts`.
    async allDocs(name, { conflicts = false, includeDocs = true } = {}) {
      const q = new URLSearchParams({ include_docs: String(includeDocs) });
      if (conflicts) q.set('conflicts', 'true');
      return (await request('GET', `${db(name)}/_all_docs?${q}`)).rows;
    },
    /// A doc, or null when missing. `query` e.g. {revs: true, conflicts: true}.
    async getDoc(name, docId, query = {}) {
      const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      const r = await request('GET', `${db(name)}/${id(docId)}${q.size ? '?' + q : ''}`, undefined, { ok: [404] });
      return r.error === 'not_found' ? null : r;
    },
    /// Writes a doc (give `_rev` to update); returns {ok, id, rev}.
    putDoc: (name, doc) => request('PUT', `${db(name)}/${id(doc._id)}`, doc),
    /// POST _bulk_docs; `newEdits: false` writes given revisions as they are
    /// (with `_revisions`), the way a replicator does. Returns the answer.
    bulkDocs: (name, docs, { newEdits = true } = {}) =>
      request('POST', `${db(name)}/_bulk_docs`, newEdits ? { docs } : { docs, new_edits: false }),
    /// GET _changes with a query such as {since, limit, style: 'all_docs'}.
    changes(name, query = {}) {
      const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      return request('GET', `${db(name)}/_changes${q.size ? '?' + q : ''}`);
    },
    /// PUT _security, e.g. {members: {names: ['ann']}}.
    setSecurity: (name, security) => request('PUT', `${db(name)}/_security`, security),
    /// A non-admin user with a password (PUT /_users/org.couchdb.user:NAME).
    addUser: (name, password, roles = []) =>
      request('PUT', `/_users/${encodeURIComponent('org.couchdb.user:' + name)}`, {
        _id: 'org.couchdb.user:' + name, name, password, roles, type: 'user',
      }),
    /// A server admin (PUT /_config/admins/NAME); this handle then sends
    /// that admin's credentials, as every request but an anonymous one must.
    async addAdmin(name, password) {
      await request('PUT', `/_config/admins/${encodeURIComponent(name)}`, password);
      state.auth = { name, password };
    },
  };
}
