// Consent per purpose and who can see a record, recorded and shown plainly.
import fs from 'node:fs/promises';
import { test, expect, open, press, addPerson, seriousA11yViolations } from './fixtures.mjs';

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

const KEEP = 'Keep their details in Kith';
const SHARE = 'Share them with my team';
const EXPORT = 'Include them in exported files';

test('a person nobody has asked yet is saved as "not asked yet", pointed out, and kept off the map until asked', async ({ page }) => {
  await page.goto('/people/new');
  await page.getByLabel('Name (needed)').fill('Nia Roberts');
  await page.getByLabel('Area or postcode').fill('S40');
  // Without "keep their details", the save says what it will be.
  await expect(page.getByTestId('sharing-meaning')).toContainText('marked “not asked yet”');
  await press(page.getByRole('button', { name: 'Save as not asked yet' }));
  await expect(heading(page)).toHaveText('Nia Roberts');
  await expect(page.getByTestId('saved')).toHaveText('Saved Nia Roberts as not asked yet. Add what they can give and need next.');
  await expect(page.getByTestId('not-kept')).toContainText('Not asked yet: nobody has asked them');

  // Home points her out, a link to her page.
  await open(page, '/');
  const list = page.getByTestId('not-kept-list');
  await expect(list.getByRole('heading')).toHaveText('1 person to ask about keeping their details');
  await expect(list.getByRole('listitem')).toHaveText(['Nia Roberts (not asked yet)']);

  // The map leaves her off and says why.
  await open(page, '/map');
  await expect(page.getByTestId('map-withdrawn')).toHaveText(
    '1 person is not on the map: not asked yet whether they may be shown.',
  );

  // Asked on the next visit: she agrees, and is no longer pointed out.
  await open(page, '/');
  await press(list.getByRole('link', { name: 'Nia Roberts (not asked yet)' }));
  await press(page.getByRole('link', { name: 'Record their answer' }));
  await page.getByLabel(KEEP).check();
  await page.getByLabel('Show them on the community map').check();
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Nia Roberts');
  await expect(page.getByTestId('not-kept')).toHaveCount(0);
  await open(page, '/');
  await expect(page.getByTestId('home-counts')).toBeVisible();
  await expect(page.getByTestId('not-kept-list')).toHaveCount(0);
  await open(page, '/map');
  await expect(page.getByTestId('map-withdrawn')).toHaveCount(0);
});

test('withdrawn consent to export: the hours table and its CSV name them nowhere, and the totals still add up', async ({ page }) => {
  for (const name of ['Rhys Evans', 'Zofia Wójcik']) {
    await addPerson(page, { name, agreed: [KEEP, EXPORT] });
  }
  await open(page, '/log/hours/new');
  await page.getByLabel('Who gave the time').selectOption({ label: 'Rhys Evans' });
  await page.getByRole('group', { name: 'Who received it' }).getByRole('checkbox', { name: 'Zofia Wójcik' }).check();
  await page.getByLabel('Minutes', { exact: true }).fill('40');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('saved')).toBeVisible();

  await open(page, '/log/report');
  const rows = page.getByTestId('hours-table').locator('tbody tr, tfoot tr');
  // 40 minutes is 0.67 h, rounded, not cut off to 0.66.
  await expect(rows).toHaveText([
    'Rhys Evans0.670.000.000.000.00',
    'Zofia Wójcik0.000.670.000.000.00',
    'Total0.670.670.000.000.00',
  ]);

  // Zofia withdraws her consent to files.
  await open(page, '/people');
  await press(page.getByRole('link', { name: 'Zofia Wójcik' }));
  await press(page.getByRole('link', { name: 'Edit Zofia Wójcik' }));
  await page.getByLabel(EXPORT).uncheck();
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('consent-list')).toContainText('Left out of exported files: consent withdrawn on');

  await open(page, '/log/report');
  await expect(rows).toHaveText([
    'Rhys Evans0.670.000.000.000.00',
    '1 person not named: no consent to export0.000.670.000.000.00',
    'Total0.670.670.000.000.00',
  ]);
  await expect(page.getByTestId('hours-table')).not.toContainText('Zofia');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    press(page.getByRole('link', { name: 'Download hours as CSV' })),
  ]);
  const csv = await fs.readFile(await download.path(), 'utf8');
  expect(csv).not.toContain('Zofia');
  expect(csv.split('\r\n').slice(1)).toEqual([
    'Rhys Evans,0.67,0.00,0.00,0.00,0.00',
    '1 person not named: no consent to export,0.00,0.67,0.00,0.00,0.00',
    'Total,0.67,0.67,0.00,0.00,0.00',
    '',
  ]);
});

test('the form says what "who can see them" and the sharing answer mean together; groups are not asked', async ({ page }) => {
  await page.goto('/people/new');
  await page.getByLabel('Name (needed)').fill('Tomás Ruiz');
  await page.getByLabel(KEEP).check();
  const meaning = page.getByTestId('sharing-meaning');
  await expect(meaning).toHaveText('Only you will see them, on this device.');
  await page.getByLabel(SHARE).check();
  await expect(meaning).toContainText('but “Only me” keeps them on this device');
  await press(page.getByRole('group', { name: 'Who can see them' }).getByText('My team'));
  await expect(meaning).toHaveText('Your team will see them.');
  await page.getByLabel(SHARE).uncheck();
  await expect(meaning).toContainText('have not agreed to be shared with your team');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // A group is not a person: no consent questions, only who can see it.
  await page.goto('/groups/new');
  await page.getByLabel('Name (needed)').fill('Walking group');
  await expect(page.getByLabel(KEEP)).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'How they agreed' })).toHaveCount(0);
  await press(page.getByRole('group', { name: 'Who can see them' }).getByText('My team'));
  await expect(meaning).toHaveText('Your team will see it.');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Walking group');
  await expect(page.getByTestId('visibility')).toHaveText('Who can see it: My team');
  await expect(page.getByTestId('not-kept')).toHaveCount(0);
});
