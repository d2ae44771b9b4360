// From a need to the people who could answer it, and one tap to connect.
import { test, expect, open, press, addPerson, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

test('a need finds who could help, explained, and one tap records the connection', async ({ page }) => {
  await addPerson(page, { name: 'Cal Green', area: 'S40', gifts: [{ skills: 'gardening', when: 'Tuesdays' }] });
  await addPerson(page, { name: 'Dee Rowe', area: 'S42', gifts: [{ mode: 'Can teach', skills: 'community gardening' }] });
  await addPerson(page, { name: 'Eve Stone', area: 'S40', gifts: [{ skills: 'knitting' }] });
  await addPerson(page, {
    name: 'Bea Gardner', area: 'S40 2XY',
    gifts: [{ mode: 'Needs', skills: 'gardening', words: 'Help with her allotment', when: 'Tuesday mornings' }],
  });

  await press(page.getByRole('link', { name: 'Find who could help' }));
  await expect(heading(page)).toHaveText('Who could help Bea Gardner with gardening');
  const matches = page.getByTestId('matches').getByRole('listitem');
  await expect(matches).toHaveCount(2);
  await expect(matches.nth(0)).toContainText('Cal Green');
  await expect(matches.nth(0)).toContainText('offers gardening; S40, same area; Tuesday');
  await expect(matches.nth(1)).toContainText('Dee Rowe');
  await expect(matches.nth(1)).toContainText('teaches community gardening; S42, nearby');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await press(page.getByRole('button', { name: 'Connect Bea Gardner and Cal Green' }));
  // Said to be made, with a note, from the panel that opens.
  const panel = page.getByTestId('connect-panel');
  await press(panel.getByText('Made', { exact: true }));
  await panel.getByLabel('Note').fill('Met at the allotment');
  await press(panel.getByRole('button', { name: 'Save the connection' }));
  await expect(matches.nth(0)).toContainText('Connected Bea Gardner and Cal Green: recorded in the activity log.');

  // Both people's pages show it, and it outlives a reload.
  await press(page.getByRole('link', { name: 'Back to Bea Gardner' }));
  await expect(heading(page)).toHaveText('Bea Gardner');
  await expect(page.getByTestId('connection-list')).toContainText('Introduced to Cal Green');
  await page.reload();
  await expect(page.getByTestId('connection-list')).toContainText('Introduced to Cal Green');
  await open(page, '/people');
  await press(page.getByRole('link', { name: 'Cal Green' }));
  await expect(page.getByTestId('connection-list')).toContainText('Introduced to Bea Gardner');

  // In the activity log, and counted in the report.
  await open(page, '/log');
  await expect(page.getByTestId('log-list').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('log-list')).toContainText('Bea Gardner introduced to Cal Green (made)');
  await press(page.getByRole('link', { name: 'Reports' }));
  await expect(page.getByTestId('connections-table').locator('tbody tr, tfoot tr')).toHaveText([
    'Introductions01001',
    'Referrals00000',
    'Signposts00000',
    'Follow-ups00000',
    'Total01001',
  ]);
  await expect(page.getByRole('img', { name: /^Connections by type: Introductions, 1 made or attended and 0 suggested or declined;/ })).toBeVisible();
});

test('an offer finds who needs it', async ({ page }) => {
  await addPerson(page, { name: 'Fin Hale', area: 'S41', gifts: [{ mode: 'Needs', skills: 'lifts', words: 'To the surgery' }] });
  await addPerson(page, { name: 'Gus Ives', area: 'S41', gifts: [{ skills: 'lifts, driving' }] });
  await press(page.getByRole('link', { name: 'Find who could use this' }));
  await expect(heading(page)).toHaveText("Who could use Gus Ives's lifts, driving");
  await expect(page.getByTestId('matches').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('matches')).toContainText('needs lifts; S41, same area');
});
