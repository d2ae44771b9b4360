// Setting up sync against a real PouchDB Server, as a worker would: type
// the address, user name and password, tap Test connection and read the
// sentence; save, pause, forget the password, stop; open a set-up link.
// The password stays on the device: never under the settings' key, never
// in a record, never in the console.
import { test as base, expect, open, press, addPerson, seriousA11yViolations } from './fixtures.mjs';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The harness installs PouchDB Server in tests/peers; another copy can be
// named in KITH_POUCHDB_SERVER.
const POUCHDB_SERVER = process.env.KITH_POUCHDB_SERVER
  ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../peers/node_modules/.bin/pouchdb-server');

const USERS = { ana: 'ana-Pa55word', bob: 'bob-Pa55word' };

async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function call(method, url, body, user) {
  const headers = { 'Content-Type': 'application/json' };
  if (user) headers.Authorization = `Basic ${Buffer.from(`${user[0]}:${user[1]}`).toString('base64')}`;
  const answer = await fetch(url, { method, headers, body });
  if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status} ${await answer.text()}`);
  return answer.json();
}

const test = base.extend({
  // PouchDB Server in memory on a free port: an admin, the database kith
  // open to ana only, and bob, a user who is not one of its members.
  couch: [
    async ({}, use) => {
      const port = await freePort();
      const cwd = mkdtempSync(path.join(os.tmpdir(), 'kith-couch-')); // it writes log.txt there
      const child = spawn(POUCHDB_SERVER, ['--in-memory', '--host', '127.0.0.1', '--port', String(port)], { cwd, stdio: 'ignore' });
      const url = `http://127.0.0.1:${port}`;
      for (let tries = 0; ; tries++) {
        try { await call('GET', `${url}/`); break; } catch (e) {
          if (tries > 100) throw e;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      await call('PUT', `${url}/_config/admins/admin`, '"admin-pw"');
      const admin = ['admin', 'admin-pw'];
      await call('PUT', `${url}/kith`, undefined, admin);
      for (const [name, password] of Object.entries(USERS)) {
        await call('PUT', `${url}/_users/org.couchdb.user:${name}`, JSON.stringify({ name, password, roles: [], type: 'user' }), admin);
      }
      await call('PUT', `${url}/kith/_security`, JSON.stringify({ admins: { names: [], roles: [] }, members: { names: ['ana'], roles: [] } }), admin);
      await use({ url, db: `${url}/kith`, host: `127.0.0.1:${port}` });
      child.kill();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  // A server that answers as CouchDB does but sends no CORS header: the
  // browser will not let the app read it.
  noCors: [
    async ({}, use) => {
      const server = http.createServer((req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ couchdb: 'Welcome', version: '3.3.3', uuid: 'no-cors' }));
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      await use(`http://127.0.0.1:${server.address().port}`);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
  // What the page wrote to its console: never a password.
  consoleText: async ({ page }, use) => {
    const seen = [];
    page.on('console', (m) => seen.push(m.text()));
    await use(seen);
    for (const password of Object.values(USERS)) expect(seen.join('\n')).not.toContain(password);
  },
});

async function fillSetup(page, { address, user = '', password = '', cookie = false }) {
  await page.getByLabel('Database address').fill(address);
  await page.getByLabel('User name', { exact: true }).fill(user);
  await page.getByLabel('Password', { exact: true }).fill(password);
  if (cookie) await press(page.getByText('A cookie session', { exact: true }));
}

/// Taps Test connection and returns the answer, once it is there (it takes focus).
async function testConnection(page) {
  await press(page.getByRole('button', { name: 'Test connection' }));
  const said = page.getByTestId('sync-test');
  await expect(said).not.toHaveText(/Testing/, { timeout: 25_000 });
  await expect(said).toBeFocused();
  return said;
}

/// What this device keeps: localStorage's sync keys, and every IndexedDB
/// row of every database as text.
function kept(page) {
  return page.evaluate(async () => {
    const rows = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((resolve) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
        });
        rows.push(...all.map((row) => JSON.stringify(row)));
      }
      db.close();
    }
    return {
      settings: localStorage.getItem('kith.sync'),
      password: localStorage.getItem('kith.sync-password'),
      rows,
    };
  });
}

test('Test connection says in plain words what the server answered', async ({ page, couch, noCors, baseURL, consoleText }) => {
  const closed = await freePort();
  const cases = [
    { address: couch.db, user: 'ana', password: USERS.ana, role: 'status', says: 'Connected: the server answers, and ana may use the database kith.' },
    { address: couch.db, user: 'ana', password: 'not-her-password', role: 'alert', says: /^Wrong user name or password\./ },
    { address: couch.db, user: 'bob', password: USERS.bob, role: 'alert', says: /^This user may not use this database\. Ask your coordinator/ },
    { address: `${couch.url}/nothing-here`, user: 'ana', password: USERS.ana, role: 'alert', says: /^There is no database at that address/ },
    { address: `http://127.0.0.1:${closed}/kith`, user: 'ana', password: USERS.ana, role: 'alert', says: /^Can't reach the server\./ },
    { address: `${baseURL}/kith`, user: 'ana', password: USERS.ana, role: 'alert', says: /^That address answers, but it is not a CouchDB server\./ },
    {
      address: `${noCors}/kith`, user: 'ana', password: USERS.ana, role: 'alert',
      says: `The server does not allow this app's address (${baseURL}). Whoever runs the server must add it to CouchDB's CORS origins ([cors] origins = ${baseURL}, with credentials = true).`,
    },
    { address: couch.db, user: 'ana', password: USERS.ana, cookie: true, role: 'status', says: 'Connected: the server answers, and ana may use the database kith.' },
    { address: couch.db, user: 'ana', password: 'nope', cookie: true, role: 'alert', says: /^Wrong user name or password\./ },
  ];
  for (const c of cases) {
    await open(page, '/sync');
    await fillSetup(page, c);
    const said = await testConnection(page);
    await expect(said, c.address).toHaveText(c.says);
    await expect(said).toHaveAttribute('role', c.role);
  }
  // Testing set nothing up.
  expect((await kept(page)).settings).toBeNull();
  expect(consoleText.length).toBeGreaterThan(0); // CORS and 401s were reported there
});

test('an address that cannot be used is refused before anything is sent', async ({ page }) => {
  await open(page, '/sync');
  for (const [address, says] of [
    ['http://couch.example.org/kith', /^The address must start with https:\/\//],
    ['https://ana:secret@couch.example.org/kith', /type them in their own boxes/],
    ['https://couch.example.org', /no database/],
  ]) {
    await fillSetup(page, { address, user: 'ana', password: 'x' });
    const said = await testConnection(page);
    await expect(said).toHaveText(says);
    await press(page.getByRole('button', { name: 'Save' }));
    await expect(said).toHaveText(says);
  }
  expect((await kept(page)).settings).toBeNull();
});

test('saved, the settings and the password are kept apart; forget, pause and stop', async ({ page, couch, consoleText }) => {
  await addPerson(page, { name: 'Amina Begum', area: 'S40' });
  await open(page, '/sync');
  await fillSetup(page, { address: couch.db, user: 'ana', password: USERS.ana });
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('sync-said')).toHaveText('Saved. The connection has not been tested: tap Test connection to check it.');
  await expect(page.getByTestId('sync-said')).toBeFocused();
  const facts = page.getByTestId('sync-server');
  await expect(facts).toContainText('Databasekith');
  await expect(facts).toContainText(`Server${couch.host}`);
  await expect(facts).toContainText('Userana');
  await expect(facts).toContainText('PasswordKept on this phone');
  expect(await seriousA11yViolations(page)).toEqual([]);

  let device = await kept(page);
  expect(JSON.parse(device.settings)).toEqual({ db_url: couch.db, user: 'ana', auth: 'basic', paused: false });
  expect(device.password).toContain(USERS.ana);
  expect(device.rows.some((row) => row.includes('Amina Begum'))).toBe(true);
  expect(device.rows.filter((row) => row.includes(USERS.ana))).toEqual([]);

  // Tested from here with the password kept.
  await expect(await testConnection(page)).toHaveText('Connected: the server answers, and ana may use the database kith.');

  await press(page.getByRole('button', { name: 'Pause sync' }));
  await expect(page.getByTestId('sync-said')).toHaveText(/^Sync is paused/);
  await expect(page.getByTestId('sync-state')).toContainText('Sync is paused');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Resume sync' })).toBeVisible();
  await press(page.getByRole('button', { name: 'Resume sync' }));
  await expect(page.getByRole('button', { name: 'Pause sync' })).toBeVisible();

  await press(page.getByRole('button', { name: 'Forget password' }));
  await expect(page.getByTestId('sync-said')).toHaveText(/^The password is forgotten/);
  await page.reload();
  await expect(facts).toContainText('PasswordNot kept on this phone');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  device = await kept(page);
  expect(device.password).toBeNull();
  expect(JSON.parse(device.settings).user).toBe('ana');
  await expect(await testConnection(page)).toHaveText(/^Wrong user name or password/);

  // Stopping asks first, then removes the settings, never a record.
  await press(page.getByRole('button', { name: 'Stop syncing with this server' }));
  await press(page.getByRole('button', { name: 'Keep syncing' }));
  await expect(facts).toBeVisible();
  await press(page.getByRole('button', { name: 'Stop syncing with this server' }));
  await expect(page.getByRole('heading', { name: 'Stop syncing with this server?' })).toBeFocused();
  await press(page.getByRole('button', { name: 'Yes, stop syncing' }));
  await expect(page.getByTestId('sync-said')).toHaveText('Sync is off. Every record is still on this phone.');
  await expect(page.getByLabel('Database address')).toHaveValue('');
  device = await kept(page);
  expect([device.settings, device.password]).toEqual([null, null]);
  expect(device.rows.some((row) => row.includes('Amina Begum'))).toBe(true);
});

test('a set-up link asks first, and sets up only when the worker says yes', async ({ page, couch }) => {
  await page.goto(`/people#sync=${encodeURIComponent(couch.db)}`);
  const question = page.getByRole('heading', { name: `Sync this phone with the database kith at ${couch.host}?` });
  await expect(question).toBeVisible();
  await expect(page).toHaveURL(/\/sync$/); // the link is out of the address bar
  expect((await kept(page)).settings).toBeNull();
  await expect(page.getByLabel('Database address')).toHaveCount(0); // the link's, not to be changed

  await press(page.getByRole('button', { name: 'Not now' }));
  await expect(page.getByTestId('sync-said')).toHaveText('Nothing was set up.');
  expect((await kept(page)).settings).toBeNull();

  await page.goto(`/#sync=${encodeURIComponent(couch.db)}`);
  await expect(question).toBeVisible();
  await page.getByLabel('User name', { exact: true }).fill('ana');
  await page.getByLabel('Password', { exact: true }).fill(USERS.ana);
  await expect(await testConnection(page)).toHaveText('Connected: the server answers, and ana may use the database kith.');
  await press(page.getByRole('button', { name: 'Yes, set up sync' }));
  await expect(page.getByTestId('sync-said')).toHaveText('Saved: sync is on.');
  await expect(page.getByTestId('sync-server')).toContainText(`Server${couch.host}`);
  expect(JSON.parse((await kept(page)).settings).db_url).toBe(couch.db);
  await page.reload();
  await expect(page.getByTestId('sync-server')).toContainText('Userana');
});

test('a set-up link that carries a password is refused, and nothing is set up', async ({ page, couch }) => {
  const withPassword = couch.db.replace('http://', `http://ana:${USERS.ana}@`);
  for (const fragment of [
    `sync=${encodeURIComponent(withPassword)}`,
    `sync=${encodeURIComponent(couch.db)}&password=${USERS.ana}`,
  ]) {
    await page.goto(`/log#${fragment}`);
    const refusal = page.getByRole('alert');
    await expect(refusal).toHaveText(/^This set-up link carries a password, so Kith will not use it.*Nothing was set up\./);
    await expect(page).toHaveURL(/\/sync$/);
    expect(page.url()).not.toContain(USERS.ana);
    await expect(page.getByRole('heading', { name: /^Sync this phone/ })).toHaveCount(0);
    await expect(page.getByLabel('Database address')).toHaveValue('');
    const device = await kept(page);
    expect([device.settings, device.password]).toEqual([null, null]);
  }
});
