// Offline for real: the release build served by a child server that the
// test stops (Playwright's setOffline does not reach a service worker's own
// fetches), then a newer build served in its place.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test, expect, press, mainNav } from './fixtures.mjs';
import { startServer, DIST } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const heading = (page) => page.getByRole('heading', { level: 1 });

/// A copy of the build, optionally changed and re-listed by the same hook
/// Trunk runs, as a newer build would be.
async function copyOfBuild(change) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-build-'));
  await fs.cp(DIST, dir, { recursive: true });
  if (change) {
    await change(dir);
    await promisify(execFile)('bash', [path.join(ROOT, 'scripts/precache')], {
      env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_SOURCE_DIR: ROOT },
    });
  }
  return dir;
}

async function version(dir) {
  const sw = await fs.readFile(path.join(dir, 'sw.js'), 'utf8');
  return sw.match(/const VERSION = "([0-9a-f]+)"/)[1];
}

test('from the second visit on Kith needs no server, and a newer build waits for a tap', async ({ page }) => {
  test.slow();
  const first = await copyOfBuild();
  let server = await startServer({ dir: first });
  const port = Number(new URL(server.url).port);
  const at = (p) => `${server.url}${p}`;

  await page.goto(at('/'));
  await expect(heading(page)).toHaveText('Skills map');
  // The worker has cached the whole build and controls the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  expect(await page.evaluate(() => caches.keys())).toEqual([`kith-${await version(first)}`]);

  await press(page.getByRole('link', { name: 'Add the first person you meet' }));
  await page.getByLabel('Name (needed)').fill('Amina Begum');
  await page.getByLabel('Area or postcode').fill('S40');
  await page.getByRole('group', { name: 'Gift or need 1' }).getByLabel('Skills').fill('baking');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Amina Begum');

  // The server goes away. A reload still opens Kith, with her in it.
  await server.close();
  await page.reload();
  await expect(heading(page)).toHaveText('Amina Begum');
  await expect(page.getByTestId('network-status')).toHaveText('Offline · saved on this device');
  await press(mainNav(page).getByRole('link', { name: 'People' }));
  await expect(page.getByTestId('people-list').getByRole('listitem')).toHaveText(['Amina BegumS40']);
  // A deep link opened cold, too.
  await page.goto(at('/map'));
  await expect(heading(page)).toHaveText('Map');

  // A newer build appears where the old one was.
  const newer = await copyOfBuild(async (dir) => {
    const css = (await fs.readdir(dir)).find((f) => f.endsWith('.css'));
    await fs.appendFile(path.join(dir, css), '\n/* a newer build */\n');
  });
  expect(await version(newer)).not.toBe(await version(first));
  server = await startServer({ dir: newer, port });
  await page.goto(at('/people'));
  await expect(page.getByTestId('network-status')).toHaveText('Online');
  const ready = page.getByTestId('update-ready');
  await expect(ready).toContainText('A new version of Kith is ready.');
  // Until the tap, the old version keeps running.
  expect(await page.evaluate(() => caches.keys())).toContain(`kith-${await version(first)}`);

  await press(ready.getByRole('button', { name: 'Update now' }));
  await expect(ready).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([`kith-${await version(newer)}`]);
  await expect(page.getByTestId('people-list').getByRole('listitem')).toHaveText(['Amina BegumS40']);
  await server.close();
});
