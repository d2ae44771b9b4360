// The PouchDB Server harness does what couch.mjs says.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { couchClient, startCouch } from '../couch.mjs';

describe('an in-memory server', () => {
  let couch;
  before(async () => { couch = await startCouch(); });
  after(() => couch?.stop());

  test('answers GET / on 127.0.0.1 with its welcome and uuid', async () => {
    assert.match(couch.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const welcome = await couch.request('GET', '/');
    assert.equal(welcome['express-pouchdb'], 'Welcome!');
    assert.equal(welcome.version, '4.2.0');
    assert.deepEqual(welcome['pouchdb-adapters'], ['memory']);
    assert.match(welcome.uuid, /^[0-9a-f-]{36}$/);
  });

  test('creates a database once, writes and reads docs back', async () => {
    assert.equal(await couch.createDb('people'), true);
    assert.equal(await couch.createDb('people'), false);
    const put = await couch.putDoc('people', { _id: 'person:1', name: 'Ann' });
    assert.match(put.rev, /^1-/);
    await couch.bulkDocs('people', [{ _id: 'person:2', name: 'Bo' }]);
    const rows = await couch.allDocs('people');
    assert.deepEqual(rows.map((r) => [r.id, r.doc.name]), [['person:1', 'Ann'], ['person:2', 'Bo']]);
    assert.equal((await couch.getDoc('people', 'person:1')).name, 'Ann');
    assert.equal(await couch.getDoc('people', 'person:9'), null);
    assert.equal((await couch.dbInfo('people')).doc_count, 2);
  });

  test('keeps both sides of a conflict written with new_edits false', async () => {
    await couch.createDb('conflicts');
    await couch.bulkDocs('conflicts', [
      { _id: 'd', _rev: '1-aaa', n: 1, _revisions: { start: 1, ids: ['aaa'] } },
      { _id: 'd', _rev: '1-bbb', n: 2, _revisions: { start: 1, ids: ['bbb'] } },
    ], { newEdits: false });
    const [row] = await couch.allDocs('conflicts', { conflicts: true });
    assert.equal(row.doc._rev, '1-bbb');
    assert.deepEqual(row.doc._conflicts, ['1-aaa']);
    const changes = await couch.changes('conflicts', { style: 'all_docs' });
    assert.deepEqual(changes.results[0].changes.map((c) => c.rev).sort(), ['1-aaa', '1-bbb']);
    assert.equal(typeof changes.last_seq, 'number');
  });

  test('deletes a database', async () => {
    await couch.createDb('gone');
    await couch.deleteDb('gone');
    await assert.rejects(couch.dbInfo('gone'), { status: 404 });
    await couch.deleteDb('gone');
  });

  test('comes back empty from a restart, on the same port', async () => {
    const port = couch.port;
    await couch.restart();
    assert.equal(couch.port, port);
    assert.equal(await couch.getDoc('people', 'person:1'), null);
    assert.equal((await couch.request('GET', '/'))['express-pouchdb'], 'Welcome!');
  });
});

describe('users: an admin, a member, and the others', () => {
  let couch;
  before(async () => { couch = await startCouch(); });
  after(() => couch?.stop());

  test('only the members named in _security (and admins) reach the database', async () => {
    await couch.createDb('team');
    await couch.putDoc('team', { _id: 'person:1', name: 'Ann' });
    await couch.addAdmin('admin', 'admin-secret');
    assert.deepEqual(couch.auth, { name: 'admin', password: 'admin-secret' });
    await couch.addUser('ann', 'ann-secret');
    await couch.setSecurity('team', { members: { names: ['ann'] } });

    const ann = couchClient(couch.url, { auth: { name: 'ann', password: 'ann-secret' } });
    assert.equal((await ann.getDoc('team', 'person:1')).name, 'Ann');
    const session = await ann.request('GET', '/_session');
    assert.deepEqual(session.userCtx, { name: 'ann', roles: [] });

    const anonymous = couchClient(couch.url);
    await assert.rejects(anonymous.getDoc('team', 'person:1'), { status: 401 });
    const wrong = couchClient(couch.url, { auth: { name: 'ann', password: 'nope' } });
    await assert.rejects(wrong.getDoc('team', 'person:1'), { status: 401 });
    await couch.addUser('bo', 'bo-secret');
    const bo = couchClient(couch.url, { auth: { name: 'bo', password: 'bo-secret' } });
    await assert.rejects(bo.getDoc('team', 'person:1'), { status: 401 });
    assert.deepEqual((await couch.request('GET', '/_session')).userCtx.roles, ['_admin']);
  });
});

describe('a durable server', () => {
  let couch;
  before(async () => { couch = await startCouch({ durable: true }); });
  after(() => couch?.stop());

  test('keeps its data across a restart on the same port', async () => {
    assert.equal(couch.durable, true);
    await couch.createDb('kith');
    await couch.putDoc('kith', { _id: 'person:1', name: 'Ann' });
    const before = await couch.changes('kith');
    await couch.halt();
    await assert.rejects(fetch(couch.url + '/'));
    await couch.resume();
    assert.equal((await couch.getDoc('kith', 'person:1')).name, 'Ann');
    assert.deepEqual(await couch.changes('kith'), before);
    await couch.restart();
    assert.equal((await couch.getDoc('kith', 'person:1')).name, 'Ann');
  });

  test('removes its temporary directory when stopped', async () => {
    const other = await startCouch({ durable: true });
    assert.equal(existsSync(other.dir), true);
    await other.stop();
    assert.equal(existsSync(other.dir), false);
  });
});
