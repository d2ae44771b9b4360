// Consent per purpose and who can see a record, recorded and shown plainly.
import { test, expect, press, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

test('consent given per purpose is recorded, and a withdrawal says what it means', async ({ page }) => {
  await page.goto('/people/new');
  await page.getByLabel('Name (needed)').fill('Hana Ito');
  // The words to read out are on the form.
  await expect(page.getByTestId('consent-wording')).toContainText('you can ask us to change or remove them at any time');
  await page.getByLabel('Keep their details in Kith').check();
  await page.getByLabel('Show them on the community map').check();
  await press(page.getByRole('group', { name: 'Who can see them' }).getByText('My team'));
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(page.getByRole('button', { name: 'Save' }));

  await expect(heading(page)).toHaveText('Hana Ito');
  await expect(page.getByTestId('visibility')).toHaveText('Who can see them: My team');
  const consent = page.getByTestId('consent-list').getByRole('listitem');
  await expect(consent).toHaveText([
    /^Agreed: keep their details in Kith \(told me, \d+ \w+ \d{4}\)$/,
    'Not asked yet: share them with my team',
    /^Agreed: show them on the community map \(told me, /,
    'Not asked yet: include them in exported files',
  ]);

  // On paper this time, she withdraws from the map.
  await press(page.getByRole('link', { name: 'Edit Hana Ito' }));
  await expect(page.getByLabel('Show them on the community map')).toBeChecked();
  await page.getByLabel('Show them on the community map').uncheck();
  await press(page.getByRole('group', { name: 'How they agreed' }).getByText('On paper'));
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Hana Ito');
  await expect(consent.nth(2)).toHaveText(/^Not shown on the map: consent withdrawn on \d+ \w+ \d{4}$/);
  await expect(consent.nth(0)).toHaveText(/^Agreed: keep their details in Kith/);
  await page.reload();
  await expect(consent.nth(2)).toHaveText(/^Not shown on the map: consent withdrawn on/);
  await expect(page.getByTestId('visibility')).toHaveText('Who can see them: My team');
});
