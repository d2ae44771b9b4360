// A fresh install teaches what to do first, and a sample neighbourhood can
// be tried and removed in one tap.
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

  // Someone real, added meanwhile, stays when the sample goes.
  await addPerson(page, { name: 'Real Person', area: 'S40' });
  await press(mainNav(page).getByRole('link', { name: 'Home' }));
  await expect(page.getByTestId('home-counts')).toHaveText('13 people, 2 groups and 2 places on this device.');
  await press(page.getByRole('button', { name: 'Remove the sample' }));
  await expect(page.getByTestId('home-counts')).toHaveText('1 person, 0 groups and 0 places on this device.');
  await expect(page.getByTestId('sample-banner')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('home-counts')).toHaveText('1 person, 0 groups and 0 places on this device.');
  await press(mainNav(page).getByRole('link', { name: 'People' }));
  await expect(page.getByTestId('people-list').getByRole('listitem')).toHaveText(['Real PersonS40']);
});
