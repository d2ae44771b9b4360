// A database written by Kith's first version, upgraded in a real page load.
import { test, expect } from './fixtures.mjs';

test('records written by the first version are there after the upgrade, and after a reload', async ({ page }) => {
  // Any page of the origin without the app will do to write the old data.
  await page.goto('/icons/kith.svg');
  await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('kith', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('docs');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('docs', 'readwrite');
    const docs = tx.objectStore('docs');
    const stamps = { created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z' };
    docs.put({ type: 'person', name: 'Dora Okafor', area: 'S40', ...stamps }, 'person:00000000-0000-4000-8000-00000000d0a0');
    docs.put({ type: 'person', name: 'Eli Marsh', area: 'S41', ...stamps }, 'person:00000000-0000-4000-8000-00000000e11e');
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
  });

  await page.goto('/people');
  const list = page.getByTestId('people-list');
  await expect(list.getByRole('listitem')).toHaveText(['Dora OkaforS40', 'Eli MarshS41']);
  await expect(page.getByTestId('people-summary')).toHaveText('2 people');
  await page.reload();
  await expect(list.getByRole('listitem')).toHaveText(['Dora OkaforS40', 'Eli MarshS41']);

  // Moved records count as not yet shared.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('unsent-count')).toHaveText('2 records changed here since they were last synced or exported.');
});
