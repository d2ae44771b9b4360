// Installable: the manifest and worker pass Chromium's own checks, the
// app offers its Install button when the browser offers to install, and
// on iPhone it says how.
import { chromium } from '@playwright/test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect, open, press, seriousA11yViolations } from './fixtures.mjs';

test('Chromium finds nothing stopping Kith from being installed', async ({ server }, testInfo) => {
  // A normal (not incognito) profile, as a person's browser is.
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-profile-'));
  const context = await chromium.launchPersistentContext(profile, testInfo.project.use.launchOptions);
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skills map');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
});

test('the manifest names Kith, its colours and its icons, and every icon is there', async ({ request, server }) => {
  const manifest = await (await request.get(`${server.url}/manifest.webmanifest`)).json();
  expect(manifest).toMatchObject({
    id: '/', name: 'Kith: community skills map', short_name: 'Kith', start_url: '/', scope: '/',
    display: 'standalone', theme_color: '#1f6b4f', background_color: '#fbfaf7',
  });
  expect(manifest.description.length).toBeGreaterThan(20);
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const response = await request.get(`${server.url}${icon.src}`);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()['content-type']).toContain(icon.type.split('+')[0]);
  }
});

test('when the browser offers to install, Settings has the button, and it asks the browser', async ({ page }) => {
  await open(page, '/settings');
  await expect(page.getByTestId('install-state')).toContainText("look in this browser's menu");
  // The browser's offer, as Chromium makes it once a site is installable.
  await page.evaluate(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true });
    offer.prompt = () => { window.prompted = (window.prompted || 0) + 1; return Promise.resolve({ outcome: 'accepted' }); };
    window.dispatchEvent(offer);
  });
  const install = page.getByRole('button', { name: 'Install Kith' });
  await expect(install).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(install);
  await expect.poll(() => page.evaluate(() => window.prompted)).toBe(1);
  await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
  await expect(page.getByTestId('install-state')).toContainText('Kith is installed on this device');
});

test('on an iPhone, Settings says how to add Kith to the Home Screen and why', async ({ browser, server }) => {
  const context = await browser.newContext({
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/settings`);
  await expect(page.getByTestId('install-state')).toHaveText(
    'On iPhone and iPad: tap Share, then Add to Home Screen. Installed, Kith opens with no signal, and Safari does not clear its records.',
  );
  await context.close();
});
