// Copies of the release build, each served by a child server that a test
// can stop to cut the network for real (Playwright's setOffline does not
// reach a service worker's own fetches), newer builds made from them, and
// what a person does to see that Kith is on the device.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test, expect, press, mainNav } from './fixtures.mjs';
import { startServer, DIST } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/// The post_build hook of Trunk.toml, as Trunk runs it.
async function postBuildHook() {
  const trunk = await fs.readFile(path.join(ROOT, 'Trunk.toml'), 'utf8');
  const hook = trunk.slice(trunk.indexOf('stage = "post_build"'));
  return {
    command: hook.match(/^command = "(.*)"$/m)[1],
    args: JSON.parse(hook.match(/^command_arguments = (\[.*\])$/m)[1]),
  };
}

/// A copy of the build in this test's output folder; with `change`, changed
/// and re-listed by the hook Trunk runs after a build, as a newer build is.
export async function copyOfBuild(change) {
  const parent = test.info().outputPath();
  await fs.mkdir(parent, { recursive: true });
  const dir = await fs.mkdtemp(path.join(parent, 'build-'));
  await fs.cp(DIST, dir, { recursive: true });
  if (change) {
    await change(dir);
    const { command, args } = await postBuildHook();
    await promisify(execFile)(command, args, {
      cwd: ROOT,
      env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_SOURCE_DIR: ROOT },
    });
  }
  return dir;
}

/// The name of the cache the service worker of the build in `dir` fills.
export async function cacheOf(dir) {
  const sw = await fs.readFile(path.join(dir, 'sw.js'), 'utf8');
  return `kith-${sw.match(/const VERSION = "([0-9a-f]+)"/)[1]}`;
}

/// The caches of the page's origin.
export function caches(page) {
  return page.evaluate(() => window.caches.keys());
}

/// Serves `dir` and opens Kith from it, on its first visit: returns once
/// the service worker has cached the whole build and controls the page.
export async function openInstalled(page, dir) {
  const server = await startServer({ dir });
  await page.goto(`${server.url}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skills map');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  expect(await caches(page)).toEqual([await cacheOf(dir)]);
  return server;
}

const heading = (page) => page.getByRole('heading', { level: 1 });

/// Adds Amina Begum (S40) from Home's first step.
export async function addAmina(page) {
  await press(page.getByRole('link', { name: 'Add the first person you meet' }));
  await page.getByLabel('Name (needed)').fill('Amina Begum');
  await page.getByLabel('Area or postcode').fill('S40');
  await page.getByLabel('Keep their details in Kith').check();
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Amina Begum');
}

/// Stops `server` with Amina's page open: a reload still opens Kith with
/// her in it, and so does a deep link opened cold.
export async function stillThereWithNoServer(page, server) {
  await server.close();
  await page.reload();
  await expect(heading(page)).toHaveText('Amina Begum');
  await expect(page.getByTestId('network-status')).toHaveText('Offline · saved on this device');
  await press(mainNav(page).getByRole('link', { name: 'People' }));
  await expect(page.getByTestId('people-list').getByRole('listitem')).toHaveText(['Amina BegumS40']);
  await page.goto(`${server.url}/map`);
  await expect(heading(page)).toHaveText('Map');
}
