// Kith and a stock PouchDB client (npm pouchdb 9, in memory, in Node)
// replicating with the same PouchDB Server database. What PouchDB makes,
// with its own revisions (records, a record with two versions, a deletion),
// reaches Kith's People list and conflicts screen; what Kith does (an edit,
// a new person, choosing a version) reaches PouchDB with revision
// histories that continue PouchDB's own.
import { createRequire } from 'node:module';
import { test, expect, press } from './fixtures.mjs';
import {
  dbName, expectSameAsServer, expectSynced, peopleCount, person, section, setUpSync, syncNow,
} from './sync-help.mjs';

// PouchDB lives with the other peers, in tests/peers/node_modules.
const require = createRequire(new URL('../peers/package.json', import.meta.url));
const PouchDB = require('pouchdb').plugin(require('pouchdb-adapter-memory'));

const heading = (page) => page.getByRole('heading', { level: 1 });
const hash = (rev) => rev.split('-')[1];
const gen = (rev) => Number(rev.split('-')[0]);

/// Every leaf PouchDB has of a doc, with its history, by revision.
async function leaves(pouch, id) {
  const found = await pouch.get(id, { revs: true, open_revs: 'all' });
  return found.map((l) => l.ok).filter(Boolean);
}

test('a stock PouchDB client on the same database: its records, conflict and deletion reach Kith, and Kith\'s edits reach it with their history', async ({ page, couch }, testInfo) => {
  test.setTimeout(120_000);
  const db = dbName(testInfo, 'pouch');
  await couch.createDb(db);
  const remote = `${couch.url}/${db}`;
  const pouch = new PouchDB(`kith-${db}`, { adapter: 'memory' });
  try {
    // PouchDB writes four people with revisions of its own making, then
    // gives one of them two competing second versions (two branches).
    const [pat, quinn, rosa, sam] = ['Pat Pouch', 'Quinn Pouch', 'Rosa Pouch', 'Sam Contested'].map((n) => person(n, { area: 'S40' }));
    const written = await pouch.bulkDocs([pat, quinn, rosa, sam]);
    expect(written.every((w) => w.ok)).toBe(true);
    const first = Object.fromEntries(written.map((w) => [w.id, w.rev]));
    const samBase = await pouch.get(sam._id);
    const branch = (area, h) => ({
      ...samBase, area, _rev: `2-${h}`, _revisions: { start: 2, ids: [h, hash(samBase._rev)] },
    });
    await pouch.bulkDocs([branch('S41', 'a'.repeat(32)), branch('S42', 'b'.repeat(32))], { new_edits: false });
    expect((await leaves(pouch, sam._id)).map((l) => l._rev).sort()).toEqual([`2-${'a'.repeat(32)}`, `2-${'b'.repeat(32)}`]);
    await pouch.replicate.to(remote);

    // Kith, set up on the same database, receives them.
    await setUpSync(page, { address: remote });
    await expectSynced(page);
    expect(await peopleCount(page)).toBe(4);
    for (const name of ['Pat Pouch', 'Quinn Pouch', 'Rosa Pouch', 'Sam Contested']) {
      await expect(page.getByTestId('people-list').getByRole('link', { name })).toBeVisible();
    }
    await expectSameAsServer(page, couch, db, { contested: [sam._id] });

    // Sam's two versions: counted on the Sync page, listed, side by side.
    await section(page, 'Sync');
    const count = page.getByTestId('conflicts-count');
    await expect(count).toHaveText('1 record has two versions: choose what to keep');
    await press(count.getByRole('link'));
    const listed = page.getByTestId('conflicts-list').getByRole('link');
    await expect(listed).toHaveCount(1);
    await expect(listed).toHaveText(/^Sam Contested.*2 versions$/);
    await press(listed);
    const versions = page.getByTestId('versions-side-by-side').getByRole('region');
    await expect(versions).toHaveCount(2);
    await expect(versions.filter({ hasText: 'S41' })).toHaveCount(1);
    await expect(versions.filter({ hasText: 'S42' })).toHaveCount(1);

    // PouchDB deletes Rosa: she leaves Kith's list.
    await pouch.remove(await pouch.get(rosa._id));
    await pouch.replicate.to(remote);
    await syncNow(page);
    await expectSynced(page);
    expect(await peopleCount(page)).toBe(3);
    await expect(page.getByTestId('people-list').getByRole('link', { name: 'Rosa Pouch' })).toHaveCount(0);

    // In Kith: Pat renamed, Sam's S42 version kept, a new person added.
    await press(page.getByTestId('people-list').getByRole('link', { name: 'Pat Pouch' }));
    await press(page.getByRole('link', { name: 'Edit Pat Pouch' }));
    await page.getByLabel('Name (needed)').fill('Pat Pouch-Edited');
    await press(page.getByRole('button', { name: 'Save' }));
    await expect(heading(page)).toHaveText('Pat Pouch-Edited');
    await page.goto('/conflicts');
    await press(page.getByTestId('conflicts-list').getByRole('link'));
    await press(versions.filter({ hasText: 'S42' }).getByRole('button', { name: 'Keep this version' }));
    await expect(page.getByTestId('saved')).toContainText('It has one version again.');
    await page.goto('/people/new');
    await page.getByLabel('Name (needed)').fill('Kit From Kith');
    for (const box of ['Keep their details in Kith', 'Share them with my team']) await page.getByLabel(box).check();
    await press(page.getByRole('group', { name: 'Who can see them' }).getByText('My team'));
    await press(page.getByRole('button', { name: /^Save/ }));
    await expect(heading(page)).toHaveText('Kit From Kith');
    await syncNow(page);
    await expectSynced(page);

    // PouchDB takes them in, and their histories continue its own.
    const pulled = await pouch.replicate.from(remote);
    expect(pulled.ok).toBe(true);
    expect(pulled.doc_write_failures).toBe(0);
    const [patNow] = await leaves(pouch, pat._id);
    expect(await leaves(pouch, pat._id)).toHaveLength(1);
    expect(patNow.name).toBe('Pat Pouch-Edited');
    expect(gen(patNow._rev)).toBe(2);
    expect(patNow._revisions).toEqual({ start: 2, ids: [hash(patNow._rev), hash(first[pat._id])] });

    // Sam: the version kept continues one branch, the other branch is
    // closed (a deleted leaf on top of it), nothing dropped.
    const samLeaves = await leaves(pouch, sam._id);
    expect(samLeaves).toHaveLength(2);
    const live = samLeaves.filter((l) => !l._deleted);
    const closed = samLeaves.filter((l) => l._deleted);
    expect(live).toHaveLength(1);
    expect(closed).toHaveLength(1);
    expect(live[0].area).toBe('S42');
    expect(live[0]._revisions.ids.slice(1)).toEqual(['b'.repeat(32), hash(first[sam._id])]);
    expect(closed[0]._revisions.ids.slice(1)).toEqual(['a'.repeat(32), hash(first[sam._id])]);
    const samDoc = await pouch.get(sam._id, { conflicts: true });
    expect(samDoc._conflicts).toBeUndefined();
    expect(samDoc.area).toBe('S42');

    // Rosa stays deleted; Kit is there with Kith's first revision.
    await expect(pouch.get(rosa._id)).rejects.toMatchObject({ status: 404 });
    const everyone = (await pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc);
    const kit = everyone.find((d) => d.name === 'Kit From Kith');
    expect(kit).toBeTruthy();
    expect(kit._id).toMatch(/^person:[0-9a-f-]{36}$/);
    expect(gen(kit._rev)).toBe(1);
    expect(everyone.map((d) => d.name).sort()).toEqual(['Kit From Kith', 'Pat Pouch-Edited', 'Quinn Pouch', 'Sam Contested']);
    // Kith and PouchDB now agree with the server, revision for revision.
    await expectSameAsServer(page, couch, db);
    for (const d of everyone) {
      expect((await couch.getDoc(db, d._id))._rev, d.name).toBe(d._rev);
    }
  } finally {
    await pouch.destroy();
  }
});
