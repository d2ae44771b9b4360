// The test proxy does what proxy.mjs says, in front of a real PouchDB Server.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { couchClient, startCouch } from '../couch.mjs';
import { start } from '../proxy.mjs';

let couch;
let proxy;
let via; // helpers that go through the proxy

before(async () => {
  couch = await startCouch();
  proxy = await start({ target: couch.url });
  via = couchClient(proxy.url);
  await couch.createDb('kith');
  await couch.bulkDocs('kith', [1, 2, 3, 4, 5].map((n) => ({ _id: `person:${n}`, n })));
});
after(async () => {
  await proxy?.stop();
  await couch?.stop();
});
beforeEach(() => {
  proxy.set({ cluster: false, rewind: 0, drop: null, inject: [], delay: [], cors: true });
  proxy.clear();
});

/// A raw request that reports how it ended: {status, headers, body} or {error}.
function raw(url, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve) => {
    const req = http.request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
      res.on('error', (error) => resolve({ status: res.statusCode, body, error }));
    });
    req.on('error', (error) => resolve({ error }));
    req.end();
  });
}

describe('passing through', () => {
  test('a doc written through the proxy reads back from the server, and each request is logged', async () => {
    await via.putDoc('kith', { _id: 'person:via', name: 'Cy' });
    assert.equal((await couch.getDoc('kith', 'person:via')).name, 'Cy');
    assert.equal((await via.getDoc('kith', 'person:via')).name, 'Cy');
    await via.changes('kith', { since: 2, limit: 1 });
    assert.deepEqual(
      proxy.requests.map(({ method, path, query, status }) => ({ method, path, query, status })),
      [
        { method: 'PUT', path: '/kith/person%3Avia', query: {}, status: 201 },
        { method: 'GET', path: '/kith/person%3Avia', query: {}, status: 200 },
        { method: 'GET', path: '/kith/_changes', query: { since: '2', limit: '1' }, status: 200 },
      ],
    );
    await couch.request('DELETE', `/kith/person:via?rev=${(await couch.getDoc('kith', 'person:via'))._rev}`);
  });

  test('CORS: a preflight and a credentialed answer carry the server\'s own headers', async () => {
    const preflight = {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:8080',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    };
    const direct = await raw(`${couch.url}/kith/_bulk_docs`, preflight);
    const proxied = await raw(`${proxy.url}/kith/_bulk_docs`, preflight);
    assert.equal(proxied.status, direct.status);
    for (const h of ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-allow-headers']) {
      assert.equal(proxied.headers[h], direct.headers[h], h);
    }
    assert.equal(proxied.headers['access-control-allow-origin'], 'http://127.0.0.1:8080');
    assert.match(proxied.headers['access-control-allow-headers'], /authorization/i);
    const get = await raw(`${proxy.url}/kith`, { headers: { origin: 'http://127.0.0.1:8080' } });
    assert.equal(get.headers['access-control-allow-origin'], 'http://127.0.0.1:8080');
    assert.equal(get.headers['access-control-allow-credentials'], 'true');
  });
});

describe('looking like a CouchDB cluster', () => {
  test('seqs read as opaque strings, and since= maps back to the same answer', async () => {
    proxy.set({ cluster: true });
    const first = await via.changes('kith', { limit: 2 });
    const direct = await couch.changes('kith', { limit: 2 });
    assert.deepEqual(first.results.map((r) => r.id), direct.results.map((r) => r.id));
    for (const seq of [...first.results.map((r) => r.seq), first.last_seq]) {
      assert.equal(typeof seq, 'string');
      assert.match(seq, /^\d+-g1AAAA[A-Za-z0-9_-]+$/);
      assert.ok(Number.isNaN(Number(seq)), `${seq} is no number`);
    }
    assert.equal(first.last_seq.split('-')[0], String(direct.last_seq));

    const next = await via.changes('kith', { since: first.last_seq });
    const nextDirect = await couch.changes('kith', { since: direct.last_seq });
    assert.deepEqual(next.results.map((r) => [r.id, r.changes]), nextDirect.results.map((r) => [r.id, r.changes]));
    assert.equal(next.last_seq.split('-')[0], String(nextDirect.last_seq));
    assert.equal(proxy.requests.at(-1).query.since, first.last_seq);

    const info = await via.dbInfo('kith');
    assert.match(info.update_seq, /^\d+-g1AAAA/);
    const welcome = await via.request('GET', '/');
    assert.equal(welcome.couchdb, 'Welcome');
    assert.equal(welcome.uuid, (await couch.request('GET', '/')).uuid);
  });

  test('_bulk_docs answers 202 instead of 201, and the docs are written', async () => {
    proxy.set({ cluster: true });
    const res = await fetch(`${proxy.url}/kith/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ docs: [{ _id: 'person:202' }] }),
    });
    assert.equal(res.status, 202);
    assert.equal((await res.json())[0].ok, true);
    assert.notEqual(await couch.getDoc('kith', 'person:202'), null);
    const direct = await couch.bulkDocs('kith', [{ _id: 'person:201' }]);
    assert.equal(direct[0].ok, true);
  });

  test('PouchDB 9 replicates through it and keeps the opaque seq as its checkpoint', async () => {
    const { default: PouchDB } = await import('pouchdb');
    const { default: memory } = await import('pouchdb-adapter-memory');
    PouchDB.plugin(memory);
    proxy.set({ cluster: true });
    const local = new PouchDB('replica', { adapter: 'memory' });
    const result = await local.replicate.from(`${proxy.url}/kith`, { batch_size: 2 });
    assert.equal(result.ok, true);
    const serverIds = (await couch.allDocs('kith')).map((r) => r.id);
    assert.deepEqual((await local.allDocs()).rows.map((r) => r.id), serverIds);
    assert.match(String(result.last_seq), /^\d+-g1AAAA/);
    const sinces = proxy.requests.filter((r) => r.path === '/kith/_changes').map((r) => r.query.since);
    assert.ok(sinces.slice(1).every((s) => /^\d+-g1AAAA/.test(s)), sinces.join(' '));
    await local.destroy();
  });
});

describe('misbehaving when asked', () => {
  test('rewind: the chosen _changes request is answered from one batch earlier', async () => {
    const a = await via.changes('kith', { since: 0, limit: 2 });
    const b = await via.changes('kith', { since: a.last_seq, limit: 2 });
    proxy.set({ rewind: 1 });
    const c = await via.changes('kith', { since: b.last_seq, limit: 2 });
    assert.deepEqual(c.results.map((r) => r.id), b.results.map((r) => r.id));
    assert.equal(c.last_seq, b.last_seq);
    assert.equal(proxy.requests.at(-1).rewoundTo, String(a.last_seq));
    assert.equal(proxy.requests.at(-1).query.since, String(b.last_seq));
    const d = await via.changes('kith', { since: b.last_seq, limit: 2 });
    assert.notDeepEqual(d.results.map((r) => r.id), b.results.map((r) => r.id));
    assert.equal(proxy.requests.at(-1).rewoundTo, undefined);
  });

  test('rewind in cluster mode maps the opaque since back first', async () => {
    proxy.set({ cluster: true });
    const a = await via.changes('kith', { limit: 1 });
    const b = await via.changes('kith', { since: a.last_seq, limit: 1 });
    proxy.set({ rewind: 2 });
    const b2 = await via.changes('kith', { since: a.last_seq, limit: 1 });
    assert.deepEqual(b2, b);
    const again = await via.changes('kith', { since: b.last_seq, limit: 1 });
    assert.deepEqual(again.results.map((r) => r.id), b.results.map((r) => r.id));
    assert.equal(again.last_seq, b.last_seq);
  });

  test('drop: the next matching answer is cut mid-body, once', async () => {
    proxy.set({ drop: { path: '/_changes' } });
    const other = await raw(`${proxy.url}/kith`);
    assert.equal(other.status, 200);
    const cut = await raw(`${proxy.url}/kith/_changes?since=0`);
    assert.equal(cut.status, 200);
    assert.ok(cut.error, 'the answer ends in an error');
    const whole = await raw(`${proxy.url}/kith/_changes?since=0`);
    assert.ok(cut.body.length > 0 && cut.body.length < whole.body.length, `${cut.body.length} of ${whole.body.length}`);
    assert.equal(whole.body.startsWith(cut.body), true);
    assert.equal(JSON.parse(whole.body).results.length > 0, true);
    assert.deepEqual(proxy.requests.map((r) => Boolean(r.dropped)), [false, true, false]);
  });

  test('inject: the next N matching requests get the status, then the server answers again', async () => {
    proxy.set({ inject: [{ path: /\/_bulk_docs$/, status: 500, times: 2 }, { path: '_revs_diff', status: 413 }] });
    const bulk = () => fetch(`${proxy.url}/kith/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8080' },
      body: JSON.stringify({ docs: [{ _id: 'person:injected' }] }),
    });
    const first = await bulk();
    assert.equal(first.status, 500);
    assert.equal(first.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8080');
    assert.deepEqual(await first.json(), { error: 'unknown_error', reason: 'function_clause' });
    assert.equal((await via.dbInfo('kith')).db_name, 'kith');
    assert.equal((await bulk()).status, 500);
    assert.equal(await couch.getDoc('kith', 'person:injected'), null);
    assert.equal((await bulk()).status, 201);
    assert.notEqual(await couch.getDoc('kith', 'person:injected'), null);
    await assert.rejects(via.request('POST', '/kith/_revs_diff', {}), { status: 413, body: { error: 'too_large', reason: 'the request entity is too large' } });
    assert.deepEqual(await via.request('POST', '/kith/_revs_diff', {}), {});
    proxy.set({ inject: [{ path: '/kith', status: 401 }] });
    const preflight = await raw(`${proxy.url}/kith/_changes`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:8080', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    await assert.rejects(via.changes('kith'), { status: 401, body: { error: 'unauthorized', reason: 'Name or password is incorrect.' } });
    assert.deepEqual(proxy.requests.map((r) => r.injected ?? r.status), [500, 200, 500, 201, 413, 200, 204, 401]);
  });
});

describe('a slow link and a server that refuses the app', () => {
  test('delay: matching requests wait before they reach the server, the rest do not', async () => {
    proxy.set({ delay: [{ path: '/_changes', ms: 300, times: 1 }] });
    let t = Date.now();
    await via.changes('kith', { limit: 1 });
    assert.ok(Date.now() - t >= 290, `${Date.now() - t} ms`);
    t = Date.now();
    await via.changes('kith', { limit: 1 });
    await via.dbInfo('kith');
    assert.ok(Date.now() - t < 290, `${Date.now() - t} ms`);
    assert.deepEqual(proxy.requests.map((r) => r.delayed), [300, undefined, undefined]);
  });

  test('cors false: no CORS header on a preflight or an answer, which still arrives', async () => {
    proxy.set({ cors: false });
    const origin = 'http://127.0.0.1:8080';
    const preflight = await raw(`${proxy.url}/kith/_changes`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    const get = await raw(`${proxy.url}/kith`, { headers: { origin } });
    for (const answer of [preflight, get]) {
      assert.deepEqual(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-')), []);
    }
    assert.equal(JSON.parse(get.body).db_name, 'kith');
    proxy.set({ cors: true });
    assert.equal((await raw(`${proxy.url}/kith`, { headers: { origin } })).headers['access-control-allow-origin'], origin);
  });
});

describe('a server stopped and started again behind the proxy', () => {
  test('is a network failure while down, and the same data once back', async () => {
    const durable = await startCouch({ durable: true });
    const front = await start({ target: durable.url });
    try {
      await durable.createDb('kith');
      await durable.putDoc('kith', { _id: 'person:1', name: 'Ann' });
      const through = couchClient(front.url);
      await durable.halt();
      await assert.rejects(through.getDoc('kith', 'person:1'), { name: 'TypeError' });
      assert.equal(front.requests.at(-1).error, 'ECONNREFUSED');
      await durable.resume();
      assert.equal((await through.getDoc('kith', 'person:1')).name, 'Ann');
    } finally {
      await front.stop();
      await durable.stop();
    }
  });
});
