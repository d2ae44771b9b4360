// Every slip can be put right: an entry changed or deleted from the log
// and from a timeline (with an Undo), a time more likely a slip asked
// about before it is saved, and a connection from a match said to be
// suggested or made, with a note, the helper's phone at hand, and Undo.
import { test, expect, open, press, mainNav, addPerson, addGifts, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

test('90 typed as hours is asked about, put right, then the entry is changed from the log and deleted from a timeline, with an undo', async ({ page }) => {
  await addPerson(page, { name: 'Amina Begum' });
  await addPerson(page, { name: 'Bea Gardner' });
  await open(page, '/log/hours/new');
  await page.getByLabel('Who gave the time').selectOption({ label: 'Amina Begum' });
  await page.getByRole('group', { name: 'Who received it' }).getByRole('checkbox', { name: 'Bea Gardner' }).check();
  // Meant 90 minutes; typed it in the Hours box.
  await page.getByLabel('Hours', { exact: true }).fill('90');
  await press(page.getByRole('button', { name: 'Save' }));
  const asked = page.getByTestId('is-that-right');
  await expect(asked).toContainText('That is 90 h from one person in one entry. Is that right?');
  await expect(asked.getByRole('alert')).toBeFocused();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(asked.getByRole('button', { name: 'No, change it' }));
  await expect(page.getByLabel('Hours', { exact: true })).toBeFocused();
  await page.getByLabel('Hours', { exact: true }).fill('');
  await page.getByLabel('Minutes', { exact: true }).fill('90');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('saved')).toHaveText('Saved 1 h 30 min given to 1 person.');

  // Changed from the log: the form opens filled, and saves the next version.
  const line = page.getByTestId('log-list').getByRole('listitem').first();
  await expect(line).toContainText('Amina Begum gave 1 h 30 min to Bea Gardner (volunteering)');
  await press(line.getByRole('link', { name: /^Change: Amina Begum gave 1 h 30 min/ }));
  await expect(heading(page)).toHaveText('Change hours');
  await expect(page.getByLabel('Hours', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('Minutes', { exact: true })).toHaveValue('30');
  await page.getByLabel('Minutes', { exact: true }).fill('45');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Activity log');
  await expect(page.getByTestId('log-list').getByRole('listitem')).toHaveCount(1);
  await expect(line).toContainText('Amina Begum gave 1 h 45 min to Bea Gardner (volunteering)');

  // Deleted from Bea's timeline: asked first, and back on her page.
  await open(page, '/people');
  await press(page.getByTestId('people-list').getByRole('link', { name: 'Bea Gardner' }));
  const timeline = page.getByTestId('timeline');
  await press(timeline.getByRole('link', { name: /^Change: Amina Begum gave 1 h 45 min/ }));
  await press(page.getByRole('button', { name: 'Delete this entry' }));
  await expect(page.getByRole('heading', { name: 'Delete this entry?' })).toBeVisible();
  await press(page.getByRole('button', { name: 'Yes, delete' }));
  await expect(heading(page)).toHaveText('Bea Gardner');
  await expect(page.getByTestId('saved')).toHaveText('Deleted: Amina Begum gave 1 h 45 min to Bea Gardner (volunteering).');
  await expect(page.getByTestId('timeline')).toHaveCount(0);

  // Undo brings it back, as it was.
  const undo = page.getByTestId('undo-bar');
  await press(undo.getByRole('button', { name: 'Undo' }));
  await expect(timeline.getByRole('listitem')).toHaveCount(1);
  await expect(timeline).toContainText('Amina Begum gave 1 h 45 min to Bea Gardner (volunteering)');
  await page.reload();
  await expect(timeline).toContainText('Amina Begum gave 1 h 45 min to Bea Gardner (volunteering)');
});

test('a session with far more people than the activity ever had is asked about; a session is changed and deleted', async ({ page }) => {
  await open(page, '/');
  await press(page.getByRole('button', { name: 'Try a sample neighbourhood' }));
  await expect(page.getByTestId('sample-banner')).toBeVisible();
  await open(page, '/log/sessions/new');
  await page.getByLabel('Activity').selectOption({ label: 'Friday singing' });
  await page.getByLabel('Others who came').fill('12');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('saved')).toHaveText('Saved the session: 12 people came.');

  await open(page, '/log/sessions/new');
  await page.getByLabel('Activity').selectOption({ label: 'Friday singing' });
  await page.getByLabel('Others who came').fill('120');
  await press(page.getByRole('button', { name: 'Save' }));
  const asked = page.getByTestId('is-that-right');
  await expect(asked).toContainText('That is 120 people, and the most this activity has had before is 12. Is that right?');
  await press(asked.getByRole('button', { name: 'Yes, save it' }));
  await expect(page.getByTestId('saved')).toHaveText('Saved the session: 120 people came.');

  // It was 20 after all: changed from the log.
  const lines = page.getByTestId('log-list').getByRole('listitem');
  await press(lines.first().getByRole('link', { name: /^Change: Friday singing held at St Mary's Hall: 120 came/ }));
  await expect(heading(page)).toHaveText('Change a session');
  await expect(page.getByLabel('Others who came')).toHaveValue('120');
  await expect(page.getByLabel('Where').locator('option:checked')).toHaveText("St Mary's Hall");
  await page.getByLabel('Others who came').fill('20');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(lines.first()).toContainText("Friday singing held at St Mary's Hall: 20 came");
  await expect(lines).toHaveCount(2);

  // The first one was recorded twice by mistake: deleted.
  await press(lines.nth(1).getByRole('link', { name: /^Change: Friday singing/ }));
  await press(page.getByRole('button', { name: 'Delete this entry' }));
  await press(page.getByRole('button', { name: 'Yes, delete' }));
  await expect(heading(page)).toHaveText('Activity log');
  await expect(lines).toHaveCount(1);
});

test('connecting from a match: suggested or made, a note, the helper\'s phone one tap away, and an undo', async ({ page }) => {
  await page.goto('/people/new');
  await page.getByLabel('Name (needed)').fill('Cal Green');
  await page.getByLabel('Area or postcode').fill('S40');
  await page.getByLabel('Phone', { exact: true }).fill('07700 900123');
  await press(page.getByRole('button', { name: /^Save/ }));
  await expect(heading(page)).toHaveText('Cal Green');
  await addGifts(page, 'Cal Green', [{ skills: 'gardening' }]);
  await addPerson(page, { name: 'Bea Gardner', area: 'S40', gifts: [{ mode: 'Needs', skills: 'gardening' }] });
  await press(page.getByRole('link', { name: 'Find who could help' }));

  await press(page.getByRole('button', { name: 'Connect Bea Gardner and Cal Green' }));
  const panel = page.getByTestId('connect-panel');
  await expect(panel.getByRole('link', { name: 'Call Cal Green: 07700 900123' })).toHaveAttribute('href', 'tel:07700900123');
  await expect(panel.getByRole('radio', { name: 'Suggested' })).toBeChecked();
  await panel.getByLabel('Note').fill('Ring him after six');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(panel.getByRole('button', { name: 'Save the connection' }));
  await expect(page.getByTestId('matches')).toContainText('Connected Bea Gardner and Cal Green: recorded in the activity log.');
  await press(mainNav(page).getByRole('link', { name: 'Log' }));
  await expect(page.getByTestId('log-list').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('log-list')).toContainText('Bea Gardner introduced to Cal Green (suggested)');

  // The wrong pair? Undo, still offered on the next page.
  const undo = page.getByTestId('undo-bar');
  await expect(undo).toContainText('Connected Bea Gardner and Cal Green (suggested).');
  await press(undo.getByRole('button', { name: 'Undo' }));
  await expect(page.getByRole('heading', { name: 'Nothing logged yet' })).toBeVisible();
  await press(mainNav(page).getByRole('link', { name: 'People' }));
  await press(page.getByTestId('people-list').getByRole('link', { name: 'Bea Gardner' }));
  await expect(page.getByTestId('connection-list')).toHaveCount(0);
});
