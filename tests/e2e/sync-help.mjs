// What the sync specs against real peers share: Kith's record bodies as a
// server or another client would hold them, setting sync up and asking for
// a sync as a worker would, and reading what this phone keeps.
import { randomUUID } from 'node:crypto';
import { expect, press, mainNav } from './fixtures.mjs';

export const KEEP = 'Keep their details in Kith';
export const SHARE = 'Share them with my team';

/// A database name of this test's own (servers are shared by a worker).
export function dbName(testInfo, what = 'team') {
  const tag = `${testInfo.project.name}-${testInfo.workerIndex}-${Date.now()}`;
  return `${what}-${tag}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/// A person's body as Kith saves it, agreed to be kept and shared with the
/// team (so it may travel), with a fresh id: `{_id, ...body}`.
export function person(name, { area = '', at = '2026-11-20T09:00:00.000Z' } = {}) {
  const consent = (purpose) => ({ purpose, given: true, how: 'verbal', wording: '', recorded_by: 'Test worker', at });
  const body = {
    _id: `person:${randomUUID()}`,
    type: 'person',
    name,
    consents: [consent('store'), consent('share_with_team')],
    created: at,
    updated: at,
    recorded_by: 'Test worker',
    visibility: 'team',
  };
  if (area) body.area = area;
  return body;
}

/// "Person 007" … in an order the People list sorts the same way.
export const numbered = (prefix, n) => Array.from({ length: n }, (_, i) => person(`${prefix} ${String(i).padStart(3, '0')}`));

/// The Sync page's form, filled and saved as a worker would.
export async function setUpSync(page, { address, user = '', password = '' }) {
  await page.goto('/sync');
  await page.getByLabel('Database address').fill(address);
  await page.getByLabel('User name', { exact: true }).fill(user);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('sync-server')).toBeVisible();
}

/// Goes to a main section through the navigation bar, without reloading
/// the app (a reload is an app opening, which syncs by itself).
export async function section(page, label) {
  await press(mainNav(page).getByRole('link', { name: label, exact: true }));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/// On the Sync page, once no sync is running, taps Sync now.
export async function syncNow(page) {
  if (new URL(page.url()).pathname !== '/sync') await section(page, 'Sync');
  const button = page.getByRole('button', { name: 'Sync now' });
  await expect(button).toBeEnabled({ timeout: 60_000 });
  await press(button);
}

/// Waits until the mark says synced and the Sync page agrees.
export async function expectSynced(page, timeout = 60_000) {
  await expect(page.getByTestId('sync-mark')).toHaveText('Synced', { timeout });
  if (new URL(page.url()).pathname !== '/sync') await section(page, 'Sync');
  await expect(page.getByTestId('sync-summary')).toHaveText('Everything on this phone is on the server.');
}

/// How many people the People list says there are.
export async function peopleCount(page) {
  await section(page, 'People');
  const said = await page.getByTestId('people-summary').innerText();
  const m = said.replace(/,/g, '').match(/(\d+) (people|person)/);
  if (!m) throw new Error(`People says: ${said}`);
  return Number(m[1]);
}

/// Every record this phone keeps, as IndexedDB holds it: its id, winning
/// revision, every revision it knows (leaves and all), whether it is
/// deleted or has two versions, whether it waits to go, and its body.
export function phoneRecords(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('kith');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise((resolve, reject) => {
      const req = db.transaction('records').objectStore('records').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows.map((r) => ({
      id: r.id,
      rev: r.winner,
      deleted: r.deleted,
      conflicted: r.conflicted,
      unsent: r.unsent,
      tree: r.tree,
      body: JSON.parse(r.body),
    }));
  });
}

/// A person added through the app's form, agreeing to what `agreed` names,
/// seen by the team (so they may travel when they agreed to share).
export async function addPersonFor(page, name, agreed) {
  await page.goto('/people/new');
  await page.getByLabel('Name (needed)').fill(name);
  for (const box of agreed) await page.getByLabel(box).check();
  await press(page.getByRole('group', { name: 'Who can see them' }).getByText('My team'));
  await press(page.getByRole('button', { name: /^Save/ }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

/// Bodies by id, as writeFirstVersion takes them (no `_id` inside).
export function byId(docs) {
  return Object.fromEntries(docs.map(({ _id, ...body }) => [_id, body]));
}

/// The server's live documents by id: {rev, name}.
export async function serverDocs(client, db) {
  const rows = await client.allDocs(db);
  return new Map(rows.filter((r) => !r.id.startsWith('_')).map((r) => [r.id, { rev: r.value.rev, name: r.doc.name }]));
}

/// Each record on the phone is the server's, once: same ids, the same
/// winning revision, one version each (but those in `contested`), nothing
/// waiting to go again.
export async function expectSameAsServer(page, client, db, { contested = [] } = {}) {
  const server = await serverDocs(client, db);
  const phone = (await phoneRecords(page)).filter((r) => !r.deleted);
  expect(phone.length).toBe(server.size);
  expect(new Set(phone.map((r) => r.id)).size).toBe(phone.length);
  for (const r of phone) {
    expect(server.get(r.id)?.rev, r.id).toBe(r.rev);
    expect(r.body.name).toBe(server.get(r.id).name);
    expect(r.conflicted, r.id).toBe(contested.includes(r.id));
    expect(r.unsent, r.id).toBe(0);
  }
  return phone;
}
