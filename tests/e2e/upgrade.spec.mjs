// A database written by Kith's first version, upgraded in a real page load.
import { test, expect, writeFirstVersion } from './fixtures.mjs';

test('records written by the first version are there after the upgrade, and after a reload', async ({ page }) => {
  const stamps = { created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z' };
  await writeFirstVersion(page, {
    'person:00000000-0000-4000-8000-00000000d0a0': { type: 'person', name: 'Dora Okafor', area: 'S40', ...stamps },
    'person:00000000-0000-4000-8000-00000000e11e': { type: 'person', name: 'Eli Marsh', area: 'S41', ...stamps },
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
