// Offline for real: the release build served by a child server that the
// test stops (Playwright's setOffline does not reach a service worker's own
// fetches), then a newer build served in its place.
import fs from 'node:fs/promises';
import path from 'node:path';
import { test, expect, press } from './fixtures.mjs';
import { copyOfBuild, cacheOf, caches, openInstalled, addAmina, stillThereWithNoServer } from './builds.mjs';
import { startServer } from './server.mjs';

test('from the second visit on Kith needs no server, and a newer build waits for a tap', async ({ page }) => {
  test.slow();
  const first = await copyOfBuild();
  let server = await openInstalled(page, first);
  const port = Number(new URL(server.url).port);
  const at = (p) => `${server.url}${p}`;

  await addAmina(page);
  // The server goes away. Kith still opens, with her in it.
  await stillThereWithNoServer(page, server);

  // A newer build appears where the old one was.
  const newer = await copyOfBuild(async (dir) => {
    const css = (await fs.readdir(dir)).find((f) => f.endsWith('.css'));
    await fs.appendFile(path.join(dir, css), '\n/* a newer build */\n');
  });
  expect(await cacheOf(newer)).not.toBe(await cacheOf(first));
  server = await startServer({ dir: newer, port });
  await page.goto(at('/people'));
  await expect(page.getByTestId('network-status')).toHaveText('Online');
  const ready = page.getByTestId('update-ready');
  await expect(ready).toContainText('A new version of Kith is ready.');
  // Until the tap, the old version keeps running.
  expect(await caches(page)).toContain(await cacheOf(first));

  await press(ready.getByRole('button', { name: 'Update now' }));
  await expect(ready).toHaveCount(0);
  await expect.poll(() => caches(page)).toEqual([await cacheOf(newer)]);
  await expect(page.getByTestId('people-list').getByRole('listitem')).toHaveText(['Amina BegumS40']);
  await server.close();
});
