// Updates never blank the app. A host caught mid-deploy has the new sw.js
// and index.html up but not yet a new file, and answers for that file with
// index.html (or a 404): the new worker must not keep that answer as the
// app's script, wasm or style. Its install fails, leaves no cache, and the
// version on the device keeps running, online and offline. And index.html
// carries a strict Content-Security-Policy that admits its own loader.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test, expect, open } from './fixtures.mjs';
import { copyOfBuild, cacheOf, caches, openInstalled, addAmina, stillThereWithNoServer } from './builds.mjs';
import { startServer } from './server.mjs';

/// A newer build caught mid-deploy: its index.html and sw.js are up, its
/// `extension` file (under a new name, as a changed file gets) is not.
async function midDeploy(extension) {
  let missing;
  const dir = await copyOfBuild(async (d) => {
    const file = (await fs.readdir(d)).find((f) => f.endsWith(`.${extension}`));
    missing = `newer-${file}`;
    await fs.rename(path.join(d, file), path.join(d, missing));
    const index = path.join(d, 'index.html');
    await fs.writeFile(index, (await fs.readFile(index, 'utf8')).replaceAll(`/${file}`, `/${missing}`));
  });
  await fs.rm(path.join(dir, missing));
  return { dir, missing };
}

/// Asks the page's service worker registration to look for a newer version,
/// and says what became of the one it found: 'installed' (waiting for
/// Update now) or 'redundant' (its install failed).
function lookForUpdate(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const found = new Promise((resolve) =>
      registration.addEventListener('updatefound', () => resolve(registration.installing), { once: true }),
    );
    await registration.update();
    const worker = await found;
    return new Promise((resolve) => {
      const settled = () => worker.state !== 'installing' && resolve(worker.state);
      worker.addEventListener('statechange', settled);
      settled();
    });
  });
}

test('a host mid-deploy cannot blank Kith: the newer version is refused and the one on the device keeps working, online and offline', async ({ page }) => {
  test.slow();
  const first = await copyOfBuild();
  let server = await openInstalled(page, first);
  const port = Number(new URL(server.url).port);
  const at = (p) => `${server.url}${p}`;
  const ready = page.getByTestId('update-ready');

  for (const [extension, answer] of [['wasm', '404'], ['js', 'index.html'], ['wasm', 'index.html'], ['css', 'index.html']]) {
    const { dir, missing } = await midDeploy(extension);
    await server.close();
    server = await startServer({ dir, port, htmlForMissingFiles: answer === 'index.html' });
    const response = await page.request.get(at(`/${missing}`));
    if (answer === 'index.html') {
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^text\/html/);
    } else {
      expect(response.status()).toBe(404);
    }

    expect(await lookForUpdate(page), `${missing} answered with ${answer}`).toBe('redundant');
    // The version running keeps its cache, the only one: the failed
    // install left nothing half-filled, and nothing waits for a tap.
    expect(await caches(page)).toEqual([await cacheOf(first)]);
    await expect(ready).toHaveCount(0);
  }

  // Still mid-deploy, Kith opens and saves as before.
  await page.goto(at('/'));
  await expect(page.getByTestId('network-status')).toHaveText('Online');
  await addAmina(page);
  await expect(ready).toHaveCount(0);
  // And with the server gone.
  await stillThereWithNoServer(page, server);
  expect(await caches(page)).toEqual([await cacheOf(first)]);
});

test('index.html carries a strict Content-Security-Policy that runs its own loader and refuses any other inline script', async ({ page, cspViolations }) => {
  await open(page, '/');
  const policy = Object.fromEntries(
    (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'))
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
  // The inline scripts as the browser hashes them: the loader Trunk wrote.
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).map((s) => s.text));
  expect(inline).toHaveLength(1);
  expect(inline[0]).toContain('await init(');
  const loader = `'sha256-${crypto.createHash('sha256').update(inline[0]).digest('base64')}'`;
  expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", loader]);
  expect(policy).toMatchObject({
    'default-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'https://tile.openstreetmap.org'],
  });
  // The sync server: any over https, plain http only to this device.
  expect(policy['connect-src']).toEqual(["'self'", 'https:', 'http://127.0.0.1:*', 'http://localhost:*']);

  // Markup that got in somehow still could not run a script.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.text = 'window.injected = true';
    document.body.append(script);
    return window.injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => cspViolations.join('\n')).toContain('script-src');
  cspViolations.length = 0;
});
