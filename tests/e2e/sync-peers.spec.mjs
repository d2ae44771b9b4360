// Sync against real servers that misbehave, driven as a worker would: set
// up on the Sync page, tap Sync now, read the mark and the page, look at
// People. A server stopped in the middle of a first sync; a server that
// looks like a CouchDB cluster (opaque seqs, 202s, a feed that rewinds, a
// connection cut mid-answer) between two phones; and a wrong password, a
// server that refuses the app's address and a dead server, which each say
// so and touch no record on the phone.
import { test, expect, writeFirstVersion } from './fixtures.mjs';
import { startCouch } from '../peers/couch.mjs';
import { startProxy } from '../peers/proxy.mjs';
import {
  KEEP, SHARE, addPersonFor, byId, dbName, expectSameAsServer, expectSynced, numbered, peopleCount,
  person, phoneRecords, serverDocs, setUpSync, syncNow,
} from './sync-help.mjs';

const changesAsked = (proxy, from = 0) =>
  proxy.requests.slice(from).filter((r) => r.method === 'GET' && r.path.endsWith('/_changes'));

test('the server stopped in the middle of a first sync: it resumes from its checkpoint, and every record arrives once', async ({ page }) => {
  test.setTimeout(180_000);
  const couch = await startCouch({ durable: true });
  const proxy = await startProxy({ target: couch.url });
  try {
    await couch.createDb('kith');
    const team = numbered('Neighbour', 1200);
    for (let i = 0; i < team.length; i += 400) await couch.bulkDocs('kith', team.slice(i, i + 400));
    // A slow link: each fetch of records takes a while, so the sync is
    // still going when the server stops.
    proxy.set({ delay: [{ path: '/_bulk_get', ms: 3000 }] });
    await setUpSync(page, { address: `${proxy.url}/kith` });

    // The first sync shows how far it has got.
    const bar = page.getByRole('progressbar', { name: 'Sync progress' });
    await expect(bar).toBeVisible({ timeout: 20_000 });
    await expect(bar).toHaveAttribute('aria-valuemax', '1200');
    await expect(page.getByTestId('sync-summary')).toHaveText(/^Received \d+ of about 1200$/);
    await expect(page.getByTestId('sync-mark')).toHaveText('Syncing…');

    // Once it has recorded how far it got (a checkpoint), the server stops:
    // the next batch is still on its slow way (it is fetched while the one
    // before is written, so by then the feed has been read ahead).
    await expect
      .poll(() => proxy.requests.some((r) => r.method === 'PUT' && r.path.includes('/_local/') && r.status === 201),
        { timeout: 30_000, intervals: [50] })
      .toBe(true);
    await couch.halt();
    await expect(page.getByTestId('sync-mark')).toHaveText("Can't connect", { timeout: 30_000 });
    await expect(page.getByTestId('sync-summary')).toHaveText(/^Can't reach the server\. /);
    const partway = await phoneRecords(page);
    expect(partway.length).toBeGreaterThanOrEqual(500);
    expect(partway.length).toBeLessThan(1200);

    await couch.resume();
    proxy.set({ delay: [] });
    const resumedAt = proxy.requests.length;
    await syncNow(page);
    await expectSynced(page);

    // Resumed where it stopped: no look at the feed after the restart is
    // from the start, the first from at least the first whole batch.
    const after = changesAsked(proxy, resumedAt).map((r) => Number(r.query.since));
    expect(after.length).toBeGreaterThan(0);
    expect(after[0], `since= ${after.join(' ')}`).toBeGreaterThanOrEqual(500);
    expect(after.every((since) => since >= 500), `since= ${after.join(' ')}`).toBe(true);
    expect(partway.length, 'what was written before the stop was not fetched again').toBeGreaterThanOrEqual(after[0]);
    // Nothing went back up as if it were new here.
    expect(proxy.requests.slice(resumedAt).filter((r) => r.path.endsWith('/_bulk_docs'))).toEqual([]);

    // Every record once, as the server has it.
    expect(await peopleCount(page)).toBe(1200);
    const phone = await expectSameAsServer(page, couch, 'kith');
    expect(phone.map((r) => r.body.name).sort()).toEqual(team.map((d) => d.name).sort());
    expect((await couch.dbInfo('kith')).doc_count).toBe(1200);
  } finally {
    await proxy.stop();
    await couch.stop();
  }
});

test('through a server that looks like a CouchDB cluster, two phones exchange 400 records each way, nothing lost or doubled', async ({ page, browser, baseURL, couch, couchProxy }, testInfo) => {
  test.setTimeout(240_000);
  const db = dbName(testInfo);
  await couch.createDb(db);
  const address = `${couchProxy.url}/${db}`;
  couchProxy.set({ cluster: true });

  // Two phones that used Kith before sync, 400 people on each.
  const amber = numbered('Amber', 400);
  const birch = numbered('Birch', 400);
  await writeFirstVersion(page, byId(amber));
  await page.goto('/people');
  expect(await peopleCount(page)).toBe(400);
  const other = await browser.newContext({ baseURL });
  const phoneB = await other.newPage();
  await writeFirstVersion(phoneB, byId(birch));
  await phoneB.goto('/people');
  expect(await peopleCount(phoneB)).toBe(400);

  try {
    // A sends its 400; the answer to the send is cut off half way.
    couchProxy.set({ drop: { path: '/_bulk_docs', method: 'POST' } });
    await setUpSync(page, { address });
    await expectSynced(page);

    // B receives A's 400 (the answer cut off half way) and sends its own.
    couchProxy.set({ drop: { path: '/_bulk_get', method: 'POST' } });
    await setUpSync(phoneB, { address });
    await expectSynced(phoneB);

    // A receives B's: 800 changes on the server, in two batches; the feed
    // is cut off once and rewinds one batch once.
    const from = couchProxy.requests.length;
    couchProxy.set({ drop: { path: '/_changes', method: 'GET' }, rewind: 3 });
    await syncNow(page);
    await expectSynced(page);
    await syncNow(phoneB);
    await expectSynced(phoneB);

    const log = couchProxy.requests;
    expect(log.filter((r) => r.dropped).map((r) => r.path.split('/').at(-1))).toEqual(['_bulk_docs', '_bulk_get', '_changes']);
    const rewound = log.slice(from).find((r) => r.rewoundTo !== undefined);
    expect(rewound, 'the feed rewound once').toBeTruthy();
    expect(rewound.query.since).toMatch(/^[1-9]\d*-g1AAAA/); // it was past the first batch
    expect(log.filter((r) => r.path.endsWith('/_bulk_docs') && r.method === 'POST').map((r) => r.status)).not.toContain(201);
    expect(log.filter((r) => r.path.endsWith('/_bulk_docs') && r.status === 202).length).toBeGreaterThanOrEqual(2);
    // Every place in the feed but the very start is the server's opaque string.
    const sinces = changesAsked(couchProxy).map((r) => r.query.since).filter((s) => s && s !== '0');
    expect(sinces.every((s) => /^\d+-g1AAAA/.test(s)), sinces.join(' ')).toBe(true);

    for (const phone of [page, phoneB]) {
      expect(await peopleCount(phone)).toBe(800);
      const kept = await expectSameAsServer(phone, couch, db);
      expect(kept.map((r) => r.body.name).sort()).toEqual([...amber, ...birch].map((d) => d.name).sort());
      for (const r of kept) expect(r.rev, r.id).toMatch(/^1-/); // the same revision, not a copy
    }
    expect((await couch.dbInfo(db)).doc_count).toBe(800);
  } finally {
    await other.close();
  }
});

test('a wrong password, a server that refuses the app and a dead server each say so during a sync, and touch no record', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const couch = await startCouch({ durable: true });
  const proxy = await startProxy({ target: couch.url });
  const password = 'ana-Pa55word';
  try {
    await couch.addAdmin('admin', 'admin-Pa55word');
    await couch.createDb('kith');
    await couch.addUser('ana', password);
    await couch.setSecurity('kith', { admins: { names: [], roles: [] }, members: { names: ['ana'], roles: [] } });
    await couch.bulkDocs('kith', [person('Zara From The Server')]);

    await addPersonFor(page, 'Amina Begum', [KEEP, SHARE]);
    await addPersonFor(page, 'Ben Not Asked', [KEEP]);
    await setUpSync(page, { address: `${proxy.url}/kith`, user: 'ana', password });
    await expectSynced(page);
    expect(await peopleCount(page)).toBe(3);

    // The coordinator changes ana's password; meanwhile someone adds a
    // person on the server and the worker one on the phone.
    const setPassword = async (pw) => {
      const user = await couch.getDoc('_users', 'org.couchdb.user:ana');
      await couch.putDoc('_users', { ...user, password: pw });
    };
    await setPassword('changed-Pa55word');
    await couch.bulkDocs('kith', [person('Yusuf Also From The Server')]);
    await addPersonFor(page, 'Chloe Waiting', [KEEP, SHARE]);
    const before = await phoneRecords(page);
    expect(before.map((r) => r.body.name).sort()).toEqual(['Amina Begum', 'Ben Not Asked', 'Chloe Waiting', 'Zara From The Server']);

    const breaks = [
      {
        why: 'wrong password',
        mark: 'Sync needs you',
        says: 'Wrong user name or password. Check them with your coordinator, then try again.',
        mend: () => setPassword(password),
      },
      {
        why: 'CORS refusal',
        mark: 'Sync needs you',
        says: `The server does not allow this app's address (${baseURL}). Whoever runs the server must add it to CouchDB's CORS origins ([cors] origins = ${baseURL}, with credentials = true).`,
        start: () => proxy.set({ cors: false }),
        mend: () => proxy.set({ cors: true }),
      },
      {
        why: 'dead server',
        mark: "Can't connect",
        says: "Can't reach the server. Check the address, and that this phone has a signal; your work stays on this phone meanwhile.",
        start: () => couch.halt(),
        mend: () => couch.resume(),
      },
    ];
    for (const b of breaks) {
      await b.start?.();
      await syncNow(page);
      await expect(page.getByTestId('sync-summary'), b.why).toHaveText(b.says, { timeout: 30_000 });
      await expect(page.getByTestId('sync-mark'), b.why).toHaveText(b.mark);
      expect(await phoneRecords(page), b.why).toEqual(before);
      await b.mend();
      const server = await serverDocs(couch, 'kith');
      expect([...server.values()].map((d) => d.name).sort(), b.why).toEqual(['Amina Begum', 'Yusuf Also From The Server', 'Zara From The Server']);
    }

    // Mended, the next sync takes everything both ways.
    await syncNow(page);
    await expectSynced(page);
    expect(await peopleCount(page)).toBe(5);
    const server = await serverDocs(couch, 'kith');
    expect([...server.values()].map((d) => d.name).sort()).toEqual(['Amina Begum', 'Chloe Waiting', 'Yusuf Also From The Server', 'Zara From The Server']);
  } finally {
    await proxy.stop();
    await couch.stop();
  }
});
