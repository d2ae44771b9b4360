// A fresh install teaches what to do first, and a sample neighbourhood can
// be tried and removed (asked first, undone for a while), leaving real work
// readable.
import { test, expect, open, press, addPerson, mainNav, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

test('the first screen teaches; the sample comes and goes in one tap, leaving your own records', async ({ page }) => {
  await open(page, '/');
  await expect(page.getByRole('heading', { name: 'Start here' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add the first person you meet' })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  await press(page.getByRole('button', { name: 'Try a sample neighbourhood' }));
  await expect(page.getByTestId('home-counts')).toHaveText('12 people, 2 groups and 2 places on this device.');
  await expect(page.getByTestId('sample-banner')).toContainText('This is a sample neighbourhood');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Try it: a need, and who could help.
  await press(mainNav(page).getByRole('link', { name: 'People' }));
  await expect(page.getByTestId('people-summary')).toHaveText('12 people');
  await page.getByRole('searchbox').fill('gardening');
  await expect(page.getByTestId('search-results').getByRole('listitem')).toHaveCount(3);
  // Groups and activities are found too, named for what they are.
  await page.getByRole('searchbox').fill('choir');
  await expect(page.getByTestId('search-results').getByRole('listitem')).toHaveText([
    /^Tuesday Choir \(group\)/,
    /^Friday singing \(activity\)offers singing; S40/,
  ]);
  await page.getByRole('searchbox').fill('gardening');
  await press(page.getByRole('link', { name: 'Bea Gardner' }));
  await press(page.getByRole('link', { name: 'Find who could help' }).first());
  await expect(heading(page)).toHaveText('Who could help Bea Gardner with gardening');
  await expect(page.getByTestId('matches').getByRole('listitem').first()).toContainText('Cal Green');

  // Someone real, added meanwhile, and real work with a sample person.
  await addPerson(page, { name: 'Real Person', area: 'S40' });
  await open(page, '/log/hours/new');
  await page.getByLabel('Who gave the time').selectOption({ label: 'Real Person' });
  await page.getByRole('group', { name: 'Who received it' }).getByRole('checkbox', { name: 'Bea Gardner' }).check();
  await page.getByLabel('Hours', { exact: true }).fill('1');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('saved')).toBeVisible();

  // Reports never count the made-up neighbourhood.
  await open(page, '/log/report');
  await expect(page.getByTestId('report-new')).toHaveText('New in this period: 1 person and 0 gifts and needs.');

  // Removing it asks first, and says what real work names sample people.
  await press(mainNav(page).getByRole('link', { name: 'Home' }));
  await expect(page.getByTestId('home-counts')).toHaveText('13 people, 2 groups and 2 places on this device.');
  await press(page.getByRole('button', { name: 'Remove the sample' }));
  await expect(page.getByTestId('sample-removal')).toHaveText(
    /^Remove the sample\? This removes 12 people, 2 groups, 2 places, \d+ gifts and needs, 1 activity\. 1 entry you recorded names sample people: it stays, and keeps their names, marked “\(sample\)”\.$/,
  );
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(page.getByRole('button', { name: 'Keep it' }));
  await expect(page.getByTestId('home-counts')).toHaveText('13 people, 2 groups and 2 places on this device.');
  await press(page.getByRole('button', { name: 'Remove the sample' }));
  await press(page.getByRole('button', { name: 'Yes, remove the sample' }));
  await expect(page.getByTestId('home-counts')).toHaveText('1 person, 0 groups and 0 places on this device.');
  await expect(page.getByTestId('sample-banner')).toHaveCount(0);

  // A slip? Undo puts it all back, for a while.
  const undo = page.getByTestId('undo-bar');
  await expect(undo).toContainText('Removed the sample neighbourhood.');
  await press(undo.getByRole('button', { name: 'Undo' }));
  await expect(page.getByTestId('home-counts')).toHaveText('13 people, 2 groups and 2 places on this device.');
  await expect(undo).toContainText('Undone: Removed the sample neighbourhood.');
  await press(page.getByRole('button', { name: 'Remove the sample' }));
  await press(page.getByRole('button', { name: 'Yes, remove the sample' }));
  await expect(page.getByTestId('home-counts')).toHaveText('1 person, 0 groups and 0 places on this device.');

  await page.reload();
  await expect(page.getByTestId('home-counts')).toHaveText('1 person, 0 groups and 0 places on this device.');
  await press(mainNav(page).getByRole('link', { name: 'People' }));
  await expect(page.getByTestId('people-list').getByRole('listitem')).toHaveText(['Real PersonS40']);
  // The real entry still reads, naming the sample person it was with.
  await press(mainNav(page).getByRole('link', { name: 'Log' }));
  await expect(page.getByTestId('log-list').getByRole('listitem').first())
    .toContainText('Real Person gave 1 h to Bea Gardner (sample) (volunteering)');
});
