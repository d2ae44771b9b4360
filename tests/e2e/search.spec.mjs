// Finding people by what they can do, as you type.
import { test, expect, open, press, addPerson, seriousA11yViolations } from './fixtures.mjs';

test.beforeEach(async ({ page }) => {
  await addPerson(page, { name: 'Amina Begum', area: 'S40 1AB', gifts: [{ skills: 'baking' }, { mode: 'Can teach', skills: 'Bengali' }] });
  await addPerson(page, { name: 'Bea Gardner', area: 'S41', gifts: [{ mode: 'Needs', skills: 'community gardening', words: 'Help with her allotment' }] });
  await addPerson(page, { name: 'Cal Green', area: 'S40', gifts: [{ skills: 'gardening, DIY' }] });
});

test('typing a skill narrows the list with every letter, and says why each matched', async ({ page }) => {
  await open(page, '/people');
  const search = page.getByRole('searchbox', { name: 'Search names, skills and places' });
  const results = page.getByTestId('search-results').getByRole('listitem');

  await search.pressSequentially('gar');
  await expect(page.getByTestId('search-summary')).toHaveText('2 matches');
  await expect(results).toHaveText([/^Bea Gardner/, /^Cal Green/]);
  await expect(results.first()).toContainText('needs community gardening; S41');
  await search.pressSequentially('dening');
  await expect(results).toHaveCount(2);
  await search.fill('bengali');
  await expect(results).toHaveText([/^Amina Begum.*teaches bengali; S40/]);
  expect(await seriousA11yViolations(page)).toEqual([]);

  await press(results.getByRole('link', { name: 'Amina Begum' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Amina Begum');
});

test('filters narrow by what is needed and by area', async ({ page }) => {
  await open(page, '/people');
  await page.getByText('Filters').click();
  await page.getByLabel('Gifts and needs').selectOption({ label: 'Needs' });
  const results = page.getByTestId('search-results').getByRole('listitem');
  await expect(results).toHaveText([/^Bea Gardner/]);
  await page.getByLabel('Gifts and needs').selectOption({ label: 'Any' });
  await page.getByLabel('Area or postcode district').fill('s40');
  await expect(results).toHaveText([/^Amina Begum/, /^Cal Green/]);
  await page.getByRole('searchbox').fill('zzz');
  await expect(page.getByTestId('search-summary')).toHaveText('No one matches. Try fewer letters or fewer filters.');
  // Clearing everything brings back the list.
  await page.getByRole('searchbox').fill('');
  await page.getByLabel('Area or postcode district').fill('');
  await expect(page.getByTestId('people-summary')).toHaveText('3 people');
});
