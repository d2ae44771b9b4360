// Groups and places, with what they offer: added, found, edited, deleted.
import { test, expect, open, press, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

test('a group and a place are added with their gifts, listed, found, edited and deleted', async ({ page }) => {
  await open(page, '/people');
  await press(page.getByRole('link', { name: 'Add a group' }));
  await expect(heading(page)).toHaveText('Add a group');
  await page.getByLabel('Name (needed)').fill('Tuesday Choir');
  await page.getByLabel('About it').fill('No auditions, all voices welcome');
  await page.getByLabel('Area or postcode').fill('S40 1AB');
  await page.getByRole('group', { name: 'Gift or need 1' }).getByLabel('Skills').fill('singing');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Tuesday Choir');
  await expect(page.getByTestId('details')).toHaveText('No auditions, all voices welcomeArea: S40');

  await page.goto('/places/new');
  await expect(heading(page)).toHaveText('Add a place');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByLabel('Name (needed)').fill("St Mary's Hall");
  await page.getByLabel('Street').fill('Church Way');
  await page.getByLabel('Town').fill('Chesterfield');
  await page.getByLabel('Postcode').fill('s40 1xj');
  await page.getByLabel('Facilities').fill('kitchen, hearing loop');
  await page.getByRole('group', { name: 'Gift or need 1' }).getByLabel('Skills').fill('room hire');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText("St Mary's Hall");
  // A place's address is public: kept whole, its district is its area.
  await expect(page.getByTestId('details')).toContainText('Address: Church Way, Chesterfield, S40 1XJ');
  await expect(page.getByTestId('details')).toContainText('Facilities: kitchen, hearing loop');

  await open(page, '/people');
  await expect(page.getByTestId('groups-list').getByRole('listitem')).toHaveText(['Tuesday ChoirS40']);
  await expect(page.getByTestId('places-list').getByRole('listitem')).toHaveText(["St Mary's HallS40"]);
  await page.getByRole('searchbox').fill('sing');
  await press(page.getByRole('link', { name: 'Tuesday Choir (group)' }));
  await expect(heading(page)).toHaveText('Tuesday Choir');

  await press(page.getByRole('link', { name: 'Edit Tuesday Choir' }));
  await expect(page.getByLabel('About it')).toHaveValue('No auditions, all voices welcome');
  await page.getByLabel('Name (needed)').fill('Tuesday Community Choir');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Tuesday Community Choir');

  await press(page.getByRole('button', { name: 'Delete Tuesday Community Choir' }));
  await press(page.getByRole('button', { name: 'Yes, delete' }));
  await expect(page.getByTestId('saved')).toHaveText('Deleted Tuesday Community Choir.');
  await expect(page.getByTestId('groups-list')).toHaveCount(0);
  await expect(page.getByTestId('places-list').getByRole('listitem')).toHaveCount(1);
});
