// What the person is told about the device's storage, in Settings.
import { test, expect, open, press, mainNav, addPerson } from './fixtures.mjs';

test('Settings says how much space the records take, whether they are protected and what is unsent', async ({ page }) => {
  await open(page, '/settings');
  await expect(page.getByRole('heading', { name: 'Records on this device' })).toBeVisible();
  await expect(page.getByTestId('storage-usage')).toHaveText(/^[\d.]+ (bytes?|KB|MB|GB) of [\d.]+ (KB|MB|GB|TB) used$/);
  await expect(page.getByTestId('storage-persisted')).toHaveText(/^(Protected|Not protected)/);
  await expect(page.getByTestId('unsent-count')).toHaveText('Nothing: every change has been synced or exported.');
  await expect(page.getByTestId('storage-low')).toHaveCount(0);
});

test('Settings warns when less than a tenth of the space is left', async ({ page }) => {
  // A device nearly full: the browser reports 95 MB used of 100 MB allowed.
  await page.addInitScript(() => {
    StorageManager.prototype.estimate = async () => ({ usage: 95_000_000, quota: 100_000_000 });
  });
  await open(page, '/settings');
  await expect(page.getByTestId('storage-usage')).toHaveText('95 MB of 100 MB used');
  await expect(page.getByRole('alert')).toContainText('Less than a tenth of the space this browser allows Kith is left');
});

test('the app asks the browser to protect its records, and says when it has', async ({ page }) => {
  await page.addInitScript(() => {
    window.persistAsked = 0;
    StorageManager.prototype.persist = async () => { window.persistAsked += 1; return true; };
    StorageManager.prototype.persisted = async () => window.persistAsked > 0;
  });
  await open(page, '/settings');
  await expect(page.getByTestId('storage-persisted')).toHaveText(
    "Protected: this browser will not clear Kith's records by itself.",
  );
  expect(await page.evaluate(() => window.persistAsked)).toBe(1);
});

test('where the browser will not protect the records, Kith says so and points to installing it', async ({ page }) => {
  await page.addInitScript(() => {
    StorageManager.prototype.persist = async () => false;
    StorageManager.prototype.persisted = async () => false;
  });
  await open(page, '/settings');
  await expect(page.getByTestId('storage-persisted')).toHaveText(
    "Not protected: this browser may clear Kith's records if the device runs short of space. Installing Kith (Install, or on iPhone and iPad Add to Home Screen) protects them.",
  );
});

test('with records on a device whose browser may clear them, the home screen says so once, calmly', async ({ page }) => {
  await page.addInitScript(() => {
    StorageManager.prototype.persist = async () => false;
    StorageManager.prototype.persisted = async () => false;
  });
  await addPerson(page, { name: 'Amina Begum' });
  await press(mainNav(page).getByRole('link', { name: 'Home' }));
  await expect(page.getByTestId('home-unprotected')).toHaveText(
    "This browser may clear Kith's records if the device runs short of space: installing Kith protects them. More in Settings",
  );
  await press(page.getByRole('link', { name: 'More in Settings' }));
  await expect(page.getByTestId('storage-persisted')).toHaveText(/^Not protected/);
});

test('where the records are protected, the home screen says nothing about it', async ({ page }) => {
  await page.addInitScript(() => {
    StorageManager.prototype.persist = async () => true;
    StorageManager.prototype.persisted = async () => true;
  });
  await addPerson(page, { name: 'Amina Begum' });
  await press(mainNav(page).getByRole('link', { name: 'Home' }));
  await expect(page.getByTestId('home-counts')).toBeVisible();
  await expect(page.getByTestId('home-unprotected')).toHaveCount(0);
});
