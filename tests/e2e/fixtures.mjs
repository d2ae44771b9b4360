// Shared test set-up: one server per worker for the built app (and, for
// the specs that ask for it, one PouchDB Server), a page that waits for the
// app to start, and helpers that look at the page as a person (or a screen
// reader) would.
import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { startCouch } from '../peers/couch.mjs';
import { startProxy } from '../peers/proxy.mjs';

const require = createRequire(import.meta.url);

export const SECTIONS = [
  { label: 'Home', path: '/', title: 'Skills map' },
  { label: 'Map', path: '/map', title: 'Map' },
  { label: 'People', path: '/people', title: 'People, groups and places' },
  { label: 'Log', path: '/log', title: 'Activity log' },
  { label: 'Sync', path: '/sync', title: 'Sync' },
  { label: 'Settings', path: '/settings', title: 'Settings' },
];

export const test = base.extend({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  // A real sync server: PouchDB Server in memory (tests/peers/couch.mjs),
  // one per worker, started only for specs that name `couch`. Its tests
  // share it: give each test its own database name.
  couch: [
    async ({}, use) => {
      const couch = await startCouch();
      await use(couch);
      await couch.stop();
    },
    { scope: 'worker' },
  ],
  // A test proxy in front of `couch` (tests/peers/proxy.mjs), one per test:
  // its request log, and the cluster look and failures it is `set` to.
  couchProxy: async ({ couch }, use) => {
    const proxy = await startProxy({ target: couch.url });
    await use(proxy);
    await proxy.stop();
  },
  // Every request the page makes, to check that nothing leaves the origin.
  requests: async ({ page }, use) => {
    const seen = [];
    page.on('request', (r) => seen.push(r.url()));
    await use(seen);
  },
  // Every Content-Security-Policy violation on any page of the test, as the
  // page's event and the console report them: any left here at the end
  // fails the test (one that causes a violation on purpose reads it here
  // and empties the list).
  cspViolations: [
    async ({ context }, use) => {
      const seen = [];
      await context.exposeBinding('kithCspViolation', (_, said) => seen.push(said));
      await context.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          window.kithCspViolation(`${e.effectiveDirective} refused ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
        ),
      );
      context.on('console', (m) => {
        if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) seen.push(m.text());
      });
      await use(seen);
      expect(seen, 'no Content-Security-Policy violation').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/// Opens a path and waits until the app has drawn its page heading.
export async function open(page, path = '/') {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/// Taps on a touch screen, clicks elsewhere: the way this project's person would.
export async function press(locator) {
  if (test.info().project.use.hasTouch) await locator.tap();
  else await locator.click();
}

export function mainNav(page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/// Runs axe-core on the page; returns violations that are serious or worse.
export async function seriousA11yViolations(page) {
  // Evaluated, not added as a <script>: the page's Content-Security-Policy
  // refuses inline scripts.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/// The heading levels on the page, in document order.
export function headingLevels(page) {
  return page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName[1])));
}

/// Adds a person through the app's own form, as a worker would. `gifts` is
/// a list of { mode: 'Can offer' | 'Can teach' | 'Wants to learn' | 'Needs',
/// skills: 'a, b', words: '…', when: '…' }, added as the second step.
/// `agreed` lists the consent boxes to tick ('Keep their details in
/// Kith', …); none leaves them "not asked yet".
export async function addPerson(page, { name, area = '', gifts = [], agreed = [] }) {
  await page.goto('/people/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a person');
  await page.getByLabel('Name (needed)').fill(name);
  if (area) await page.getByLabel('Area or postcode').fill(area);
  for (const box of agreed) await page.getByLabel(box).check();
  await press(page.getByRole('button', { name: /^Save/ }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  if (gifts.length) await addGifts(page, name, gifts);
}

/// The second step of adding a person, from their page: their gifts and
/// needs (as for addPerson), saved; back on their page.
export async function addGifts(page, name, gifts) {
  await press(page.getByRole('link', { name: /gifts and needs$/ }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Gifts and needs of ${name}`);
  await fillGifts(page, gifts);
  await press(page.getByRole('button', { name: 'Save gifts and needs' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

/// Fills gift rows 1, 2… of the form on screen.
export async function fillGifts(page, gifts) {
  for (const [i, gift] of gifts.entries()) {
    if (i > 0) await press(page.getByRole('button', { name: 'Add another gift or need' }));
    const row = page.getByRole('group', { name: `Gift or need ${i + 1}` });
    if (gift.mode) await press(row.getByText(gift.mode, { exact: true }));
    if (gift.kind) await press(row.getByText(gift.kind));
    if (gift.skills) await row.getByLabel('Skills').fill(gift.skills);
    if (gift.words) await row.getByLabel('In their words').fill(gift.words);
    if (gift.tags) await row.getByLabel('Tags').fill(gift.tags);
    if (gift.when) await row.getByLabel('When').fill(gift.when);
  }
}

/// Writes records as Kith's first version kept them (bodies by id in an
/// IndexedDB store `docs`), from a page of the origin without the app, so
/// the app's next load upgrades them. `docs` maps each id to its body.
export async function writeFirstVersion(page, docs) {
  await page.goto('/icons/kith.svg');
  await page.evaluate(async (docs) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('kith', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('docs');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('docs', 'readwrite');
    for (const [id, body] of Object.entries(docs)) tx.objectStore('docs').put(body, id);
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
  }, docs);
}
