// Failures are seen where the person is looking, and a reload never
// loses a save: what a worker on a phone meets when something goes wrong.
import { test, expect, open, press } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

test('a reload just after Save, before the page moved on, shows the saved record, not an empty form', async ({ page }) => {
  await open(page, '/people/new');
  // The reload lands after the save was kept but before the app moved on
  // to the record's address and let go of the save in flight: here the
  // page is stopped just there.
  await page.evaluate(() => {
    history.pushState = () => {};
    const remove = Storage.prototype.removeItem;
    Storage.prototype.removeItem = function (key) {
      if (key !== 'kith.save-in-flight') remove.call(this, key);
    };
  });
  await page.getByLabel('Name (needed)').fill('Rosa Diaz');
  await page.getByLabel('Keep their details in Kith').check();
  await press(page.getByRole('button', { name: 'Save' }));
  // Saved on the device (the people list in another tab has her)...
  const other = await page.context().newPage();
  await open(other, '/people');
  await expect(other.getByTestId('people-list').getByRole('listitem')).toHaveText(['Rosa Diaz']);
  await other.close();
  // ...but the address is still the form's. The reload shows her record.
  await expect(page).toHaveURL(/\/people\/new$/);
  await page.reload();
  await expect(heading(page)).toHaveText('Rosa Diaz');
  await expect(page.getByTestId('saved')).toHaveText('Saved Rosa Diaz. Add what they can give and need next.');
  // Once only: the form opens empty again afterwards.
  await open(page, '/people/new');
  await expect(page.getByLabel('Name (needed)')).toHaveValue('');
});
