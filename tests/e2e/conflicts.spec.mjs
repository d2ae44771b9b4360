// Two versions of one record, as a person makes them today with no sync:
// a form opened in one tab, the same record changed and saved in another,
// then the first form saved too. Both are kept; the conflicts screen shows
// them side by side in words, and what the person chooses is kept.
import { test, expect, open, press, addPerson, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

/// The version (a region on the screen) that says `text`.
const versionSaying = (page, text) =>
  page.getByTestId('versions-side-by-side').getByRole('region').filter({ hasText: text });

/// Picks, in the field-by-field choice, the value `value` for `field`.
async function pick(page, field, value) {
  const group = page.getByRole('group', { name: field, exact: true });
  await press(group.locator('label', { hasText: value }));
  await expect(group.getByRole('radio', { name: new RegExp(`: ${value}$`) })).toBeChecked();
}

/// On a 360 px phone the versions are one above the other, side by side
/// on a wide screen; the page never scrolls sideways.
async function laidOut(page) {
  const [a, b] = await page.getByTestId('versions-side-by-side').getByRole('region').all();
  const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
  if (test.info().project.name === 'phone') expect(boxB.y).toBeGreaterThanOrEqual(boxA.y + boxA.height);
  else expect(Math.abs(boxB.y - boxA.y)).toBeLessThan(2);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(sideways, 'no sideways scroll').toBe(false);
}

test('a person saved in two tabs at once: both versions compared field by field, the fields chosen kept', async ({ page, context }) => {
  await addPerson(page, { name: 'Amina Begum', area: 'S40' });
  const path = new URL(page.url()).pathname;
  const form = await context.newPage();
  await open(form, `${path}/edit`);
  await form.getByLabel('Name (needed)').fill('Amina B. Begum');
  await form.getByLabel('Phone', { exact: true }).fill('07700 900123');

  // Another tab changes her name and area and saves first.
  await page.goto(`${path}/edit`);
  await expect(heading(page)).toHaveText(/^Edit /);
  await page.getByLabel('Name (needed)').fill('Amina Begum-Khan');
  await page.getByLabel('Area or postcode').fill('S41');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Amina Begum-Khan');

  await expect(form.getByTestId('changed-elsewhere')).toBeVisible();
  await press(form.getByRole('button', { name: 'Save' }));
  await expect(form.getByTestId('saved')).toContainText('both versions are kept');

  // The Sync page counts it; the person's page leads to the comparison.
  await open(form, '/sync');
  await expect(form.getByTestId('conflicts-count')).toHaveText('1 record has two versions: choose what to keep');
  await open(form, path);
  await press(form.getByTestId('versions').getByRole('link', { name: 'Compare them and choose what to keep' }));
  await expect(heading(form)).toHaveText(/^Choose what to keep: Amina (B\. Begum|Begum-Khan)$/);
  await expect(form.getByText('changed on another phone or in another tab').first()).toBeVisible();

  // Each version in words, where they differ: hers typed here, and the other tab's.
  const typedHere = versionSaying(form, 'Amina B. Begum');
  const otherTab = versionSaying(form, 'Amina Begum-Khan');
  await expect(typedHere).toHaveCount(1);
  await expect(typedHere.locator('dl')).toHaveText(['NameAmina B. BegumAreaS40Phone07700 900123'].join(''));
  await expect(otherTab.locator('dl')).toHaveText('NameAmina Begum-KhanAreaS41Phone(blank)');
  // Who made each and when, in the device's own time.
  for (const version of [typedHere, otherTab]) {
    await expect(version.locator('.summary')).toHaveText(/^(Recorded|Changed) \d{1,2} [A-Z][a-z]{2} \d{4} at \d\d:\d\d/);
  }
  await expect(typedHere.getByRole('button', { name: 'Keep this version' })).toBeVisible();
  await laidOut(form);
  expect(await seriousA11yViolations(form)).toEqual([]);

  // Her name as typed here, the area from the other tab, the phone typed here.
  await pick(form, 'Name', 'Amina B. Begum');
  await pick(form, 'Area', 'S41');
  await pick(form, 'Phone', '07700 900123');
  await press(form.getByRole('button', { name: 'Save what I chose' }));

  await expect(heading(form)).toHaveText('Amina B. Begum');
  await expect(form.getByTestId('saved')).toHaveText('Saved what you chose: Amina B. Begum. It has one version again.');
  await expect(form.getByTestId('details')).toHaveText('Area: S41');
  await expect(form.getByTestId('contact-list')).toContainText('07700 900123');
  await expect(form.getByTestId('versions')).toHaveCount(0);
  // The other tab follows, with no other version either.
  await expect(heading(page)).toHaveText('Amina B. Begum');
  await expect(page.getByTestId('versions')).toHaveCount(0);

  await open(form, '/conflicts');
  await expect(form.getByTestId('no-conflicts')).toBeVisible();
  await open(form, '/sync');
  await expect(form.getByTestId('conflicts-count')).toHaveCount(0);
});

test('hours changed in two tabs at once: listed, compared, and one version kept whole', async ({ page, context }) => {
  await addPerson(page, { name: 'Bea Gardner' });
  await addPerson(page, { name: 'Cal Green' });
  await open(page, '/log/hours/new');
  await page.getByLabel('Who gave the time').selectOption({ label: 'Bea Gardner' });
  await page.getByRole('group', { name: 'Who received it' }).getByRole('checkbox', { name: 'Cal Green' }).check();
  await page.getByLabel('Hours', { exact: true }).fill('1');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('saved')).toHaveText('Saved 1 h given to 1 person.');
  const change = page.getByTestId('log-list').getByRole('link', { name: /^Change: Bea Gardner gave 1 h/ });
  const entry = await change.getAttribute('href');

  const form = await context.newPage();
  await open(form, entry);
  await expect(heading(form)).toHaveText('Change hours');
  await form.getByLabel('Minutes', { exact: true }).fill('15');

  await press(change);
  await expect(heading(page)).toHaveText('Change hours');
  await page.getByLabel('Minutes', { exact: true }).fill('45');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Activity log');

  await expect(form.getByTestId('changed-elsewhere')).toBeVisible();
  await press(form.getByRole('button', { name: 'Save' }));
  await expect(form.getByTestId('saved')).toContainText('both versions are kept');

  // The entry's own page says so, and leads to the comparison.
  await open(form, entry);
  await expect(form.getByTestId('versions').getByRole('link', { name: 'Compare them and choose what to keep' })).toBeVisible();
  await open(form, '/conflicts');
  const listed = form.getByTestId('conflicts-list').getByRole('link');
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveText(/^Bea Gardner gave 1 h (15|45) min to Cal Green \(volunteering\): 2 versions$/);
  await press(listed);
  await expect(form.getByTestId('versions-side-by-side').getByRole('region')).toHaveCount(2);
  await expect(versionSaying(form, '1 h 15 min').locator('dl')).toHaveText('How long1 h 15 min');
  await expect(versionSaying(form, '1 h 45 min').locator('dl')).toHaveText('How long1 h 45 min');
  await laidOut(form);
  expect(await seriousA11yViolations(form)).toEqual([]);

  await press(versionSaying(form, '1 h 15 min').getByRole('button', { name: 'Keep this version' }));
  await expect(heading(form)).toHaveText('Activity log');
  await expect(form.getByTestId('saved')).toHaveText('Saved what you chose: Bea Gardner gave 1 h 15 min to Cal Green (volunteering). It has one version again.');
  await expect(form.getByTestId('log-list').getByRole('listitem')).toHaveCount(1);
  await expect(form.getByTestId('log-list')).toContainText('Bea Gardner gave 1 h 15 min to Cal Green (volunteering)');
  await open(form, '/conflicts');
  await expect(form.getByTestId('no-conflicts')).toBeVisible();
  // The entry opens as the version kept.
  await open(form, entry);
  await expect(form.getByLabel('Minutes', { exact: true })).toHaveValue('15');
});
