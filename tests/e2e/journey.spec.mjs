// A new worker's first session, end to end and only by tapping and typing:
// add a person with gifts, find them by a skill, match a need, edit, put
// their area on the map, delete someone, reload, and find it all as left.
import { test, expect, press, mainNav, addGifts, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

// On a doorstep the worker asks first, and ticks what they agreed to.
async function agree(page) {
  await page.getByLabel('Keep their details in Kith').check();
  await page.getByLabel('Show them on the community map').check();
}

async function addFromPeople(page, name, area, gifts) {
  await press(mainNav(page).getByRole('link', { name: 'People' }));
  await press(page.getByRole('link', { name: 'Add a person' }));
  await page.getByLabel('Name (needed)').fill(name);
  await page.getByLabel('Area or postcode').fill(area);
  await agree(page);
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText(name);
  await addGifts(page, name, gifts);
}

test('a first session: add, find, match, edit, map, delete, reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Start here' })).toBeVisible();

  // Add a person from the first screen: who, where, consent; then three
  // gifts as the next step.
  await press(page.getByRole('link', { name: 'Add the first person you meet' }));
  await expect(heading(page)).toHaveText('Add a person');
  await page.getByLabel('Name (needed)').fill('Amina Begum');
  await page.getByLabel('Area or postcode').fill('s40 1ab');
  await agree(page);
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Amina Begum');
  await expect(page.getByTestId('saved')).toHaveText('Saved Amina Begum. Add what they can give and need next.');
  await addGifts(page, 'Amina Begum', [
    { skills: 'baking', words: 'Cakes for the lunch club' },
    { mode: 'Can teach', skills: 'Bengali' },
    { mode: 'Needs', skills: 'lifts', words: 'To the surgery', when: 'Thursdays' },
  ]);
  await expect(page.getByTestId('saved')).toHaveText('Saved Amina Begum with 3 gifts and needs.');
  await expect(page.getByTestId('details')).toHaveText('Area: S40');

  await addFromPeople(page, 'Gus Ives', 'S41', [{ skills: 'lifts, driving', when: 'Thursdays' }]);
  await addFromPeople(page, 'Eve Stone', 'S40', [{ skills: 'knitting' }]);

  // Find her by a skill, as you type.
  await press(mainNav(page).getByRole('link', { name: 'People' }));
  await page.getByRole('searchbox', { name: 'Search names, skills and places' }).pressSequentially('bak');
  const results = page.getByTestId('search-results').getByRole('listitem');
  await expect(results).toHaveText([/^Amina Begum.*offers baking; S40/]);
  await press(results.getByRole('link', { name: 'Amina Begum' }));

  // Her need finds Gus, explained; one tap connects them.
  await press(page.getByRole('link', { name: 'Find who could help' }));
  await expect(heading(page)).toHaveText('Who could help Amina Begum with lifts');
  const matches = page.getByTestId('matches').getByRole('listitem');
  await expect(matches).toHaveCount(1);
  await expect(matches.first()).toContainText('offers lifts; S41, nearby; Thursday');
  await press(page.getByRole('button', { name: 'Connect Amina Begum and Gus Ives' }));
  await press(page.getByRole('button', { name: 'Save the connection' }));
  await expect(matches.first()).toContainText('Connected Amina Begum and Gus Ives');
  await press(page.getByRole('link', { name: 'Back to Amina Begum' }));

  // Edit her name.
  await press(page.getByRole('link', { name: 'Edit Amina Begum' }));
  await page.getByLabel('Name (needed)').fill('Amina Begum-Khan');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Amina Begum-Khan');
  await expect(page.getByTestId('connection-list')).toContainText('Introduced to Gus Ives');

  // Put S40 on the map, typed as a maps app gives it.
  await press(mainNav(page).getByRole('link', { name: 'Map' }));
  await expect(page.getByTestId('unplaced').getByRole('listitem')).toHaveText([
    'S40: 2 peoplePut S40 on the map',
    'S41: 1 personPut S41 on the map',
  ]);
  await press(page.getByRole('button', { name: 'Put S40 on the map' }));
  await page.getByLabel('Position', { exact: true }).fill('53.2310, -1.4420');
  await press(page.getByRole('button', { name: 'Save where S40 is' }));
  await expect(page.getByTestId('pin-list').getByRole('listitem')).toHaveText(['S40: 2 people']);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Delete Eve and see her gone.
  await press(mainNav(page).getByRole('link', { name: 'People' }));
  await press(page.getByRole('link', { name: 'Eve Stone' }));
  await press(page.getByRole('button', { name: 'Delete Eve Stone' }));
  await press(page.getByRole('button', { name: 'Yes, delete' }));
  await expect(page.getByTestId('saved')).toHaveText('Deleted Eve Stone.');
  await expect(page.getByTestId('people-list').getByRole('listitem')).toHaveText(['Amina Begum-KhanS40', 'Gus IvesS41']);

  // Reload: everything as she left it.
  await page.reload();
  await expect(page.getByTestId('people-list').getByRole('listitem')).toHaveText(['Amina Begum-KhanS40', 'Gus IvesS41']);
  await page.getByRole('searchbox', { name: 'Search names, skills and places' }).fill('knit');
  await expect(page.getByTestId('search-summary')).toHaveText('No one matches. Try fewer letters or fewer filters.');
  await page.getByRole('searchbox', { name: 'Search names, skills and places' }).fill('');
  await press(page.getByRole('link', { name: 'Amina Begum-Khan' }));
  await expect(page.getByTestId('gift-list').getByRole('listitem')).toHaveCount(3);
  await expect(page.getByTestId('connection-list')).toContainText('Introduced to Gus Ives');
  await press(mainNav(page).getByRole('link', { name: 'Map' }));
  await expect(page.getByTestId('pin-list').getByRole('listitem')).toHaveText(['S40: 1 person']);
});
