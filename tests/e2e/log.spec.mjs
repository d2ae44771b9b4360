// The activity log: hours given to many at once, on one screen; each
// person's timeline; the report's totals on screen and in the CSV file.
import fs from 'node:fs/promises';
import { test, expect, open, press, mainNav, addPerson, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });
const LINE = 'Amina Begum gave 1 h 30 min to Bea Gardner, Cal Green and Dee Rowe (volunteering)';

test('hours given to three people: one screen, in the log, on every timeline, in the report and its CSV', async ({ page }) => {
  // Dee was never asked about files: the report names her nowhere.
  const EXPORT = ['Keep their details in Kith', 'Include them in exported files'];
  for (const name of ['Amina Begum', 'Bea Gardner', 'Cal Green', 'Eve Stone']) await addPerson(page, { name, agreed: EXPORT });
  await addPerson(page, { name: 'Dee Rowe' });
  await press(mainNav(page).getByRole('link', { name: 'Log' }));
  await expect(page.getByRole('heading', { name: 'Nothing logged yet' })).toBeVisible();
  await press(page.getByRole('link', { name: 'Record hours' }));
  await expect(heading(page)).toHaveText('Record hours');

  // Nothing chosen: refused, with the reason.
  await page.getByLabel('Hours', { exact: true }).fill('1');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('save-error')).toHaveText('Choose who gave the time.');

  await page.getByLabel('Who gave the time').selectOption({ label: 'Amina Begum' });
  // The giver is not offered as a receiver; a name narrows the list.
  const receivers = page.getByRole('group', { name: 'Who received it' });
  await expect(receivers.getByRole('checkbox', { name: 'Amina Begum' })).toHaveCount(0);
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('save-error')).toHaveText('Hours need at least one person who received them.');
  for (const name of ['Bea Gardner', 'Cal Green']) await receivers.getByRole('checkbox', { name }).check();
  await receivers.getByLabel('Find by name').fill('dee');
  await expect(receivers.getByRole('checkbox')).toHaveCount(1);
  await receivers.getByRole('checkbox', { name: 'Dee Rowe' }).check();
  await expect(page.getByTestId('ticked')).toHaveText('3 ticked.');
  await page.getByLabel('Minutes', { exact: true }).fill('30');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(page.getByRole('button', { name: 'Save' }));

  await expect(heading(page)).toHaveText('Activity log');
  await expect(page.getByTestId('saved')).toHaveText('Saved 1 h 30 min given to 3 people.');
  await expect(page.getByTestId('log-list').getByRole('listitem').first()).toContainText(LINE);
  expect(await seriousA11yViolations(page)).toEqual([]);
  // Narrowed by whom it is about, and by dates.
  await press(page.locator('summary', { hasText: 'Filters' }));
  await page.getByLabel('About').selectOption({ label: 'Eve Stone' });
  await expect(page.getByTestId('log-none')).toHaveText('Nothing in the log matches these choices.');
  await page.getByLabel('About').selectOption({ label: 'Cal Green' });
  await expect(page.getByTestId('log-list').getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-01-31');
  await expect(page.getByTestId('log-none')).toBeVisible();
  await page.getByLabel('To', { exact: true }).fill('');
  await expect(page.getByTestId('log-list').getByRole('listitem')).toHaveCount(1);

  // On the giver's and every receiver's timeline; not on Eve's.
  for (const name of ['Amina Begum', 'Bea Gardner', 'Cal Green', 'Dee Rowe']) {
    await open(page, '/people');
    await press(page.getByTestId('people-list').getByRole('link', { name }));
    await expect(page.getByTestId('timeline').getByRole('listitem')).toHaveCount(1);
    await expect(page.getByTestId('timeline')).toContainText(LINE);
  }
  await open(page, '/people');
  await press(page.getByTestId('people-list').getByRole('link', { name: 'Eve Stone' }));
  await expect(page.getByTestId('timeline')).toHaveCount(0);

  // The report: a line each, and totals that add up.
  await press(mainNav(page).getByRole('link', { name: 'Log' }));
  await press(page.getByRole('link', { name: 'Reports' }));
  await expect(heading(page)).toHaveText('Reports');
  const rows = page.getByTestId('hours-table').locator('tbody tr, tfoot tr');
  await expect(rows).toHaveText([
    'Amina Begum1.500.000.000.000.00',
    'Bea Gardner0.000.500.000.000.00',
    'Cal Green0.000.500.000.000.00',
    '1 person not named: no consent to export0.000.500.000.000.00',
    'Total1.501.500.000.000.00',
  ]);
  await expect(page.getByTestId('hours-for-table').locator('tbody tr, tfoot tr')).toHaveText([
    'Not said1.500.001.50',
    'Total1.500.001.50',
  ]);
  await expect(page.getByTestId('report-new')).toHaveText('New in this period: 5 people and 0 gifts and needs.');
  await expect(page.getByRole('img', { name: /^Hours given each month: \d{4}-\d{2}, 1\.50 volunteering and 0\.00 exchange$/ })).toBeVisible();
  await expect(page.getByText('No sessions recorded in this period.')).toBeVisible();
  await expect(page.getByText('No connections recorded in this period.')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    press(page.getByRole('link', { name: 'Download hours as CSV' })),
  ]);
  expect(download.suggestedFilename()).toMatch(/^kith-hours-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}-made-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await fs.readFile(await download.path(), 'utf8');
  expect(csv.split('\r\n')).toEqual([
    '\ufeffname,volunteered (hours),volunteering received (hours),exchange given (hours),exchange received (hours),timebank balance (hours)',
    'Amina Begum,1.50,0.00,0.00,0.00,0.00',
    'Bea Gardner,0.00,0.50,0.00,0.00,0.00',
    'Cal Green,0.00,0.50,0.00,0.00,0.00',
    '1 person not named: no consent to export,0.00,0.50,0.00,0.00,0.00',
    'Total,1.50,1.50,0.00,0.00,0.00',
    '',
  ]);

  // A period with nothing in it says so; a period backwards is refused.
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-01-31');
  await expect(page.getByText('No hours recorded in this period.')).toBeVisible();
  await page.getByLabel('To', { exact: true }).fill('2019-12-31');
  await expect(page.getByRole('alert')).toHaveText('The period ends before it starts.');
});

test('a session for a whole group on one screen: in the log, on the timelines of those who came, in the report', async ({ page }) => {
  await open(page, '/');
  await press(page.getByRole('button', { name: 'Try a sample neighbourhood' }));
  await expect(page.getByTestId('sample-banner')).toBeVisible();
  await press(mainNav(page).getByRole('link', { name: 'Log' }));
  await press(page.getByRole('link', { name: 'Record a session' }));
  await expect(heading(page)).toHaveText('Record a session');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('save-error')).toHaveText('Choose the activity that was held.');

  await page.getByLabel('Activity').selectOption({ label: 'Friday singing' });
  // Where it was held starts as the activity's usual place.
  await expect(page.getByLabel('Where')).toHaveValue(/^place:/);
  await expect(page.getByLabel('Where').locator('option:checked')).toHaveText("St Mary's Hall");
  const came = page.getByRole('group', { name: 'Who came' });
  for (const name of ['Amina Begum', 'Bea Gardner']) await came.getByRole('checkbox', { name }).check();
  await page.getByLabel('Others who came').fill('5');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(page.getByRole('button', { name: 'Save' }));

  const SESSION = "Friday singing held at St Mary's Hall: 7 came";
  await expect(page.getByTestId('saved')).toHaveText('Saved the session: 7 people came.');
  await expect(page.getByTestId('log-list').getByRole('listitem').first()).toContainText(SESSION);
  for (const name of ['Bea Gardner', "St Mary's Hall"]) {
    await open(page, '/people');
    await press(page.getByRole('main').getByRole('link', { name, exact: true }));
    await expect(page.getByTestId('timeline')).toContainText(SESSION);
  }

  // Hours given for the activity say so.
  await open(page, '/log/hours/new');
  await page.getByLabel('Who gave the time').selectOption({ label: 'Amina Begum' });
  await page.getByRole('group', { name: 'Who received it' }).getByRole('checkbox', { name: 'Bea Gardner' }).check();
  await page.getByLabel('Hours', { exact: true }).fill('2');
  await page.getByLabel('For a gift or activity').selectOption({ label: 'Friday singing (activity)' });
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('log-list').getByRole('listitem').first())
    .toContainText('Amina Begum gave 2 h to Bea Gardner (volunteering, for Friday singing)');

  await open(page, '/log/report');
  await expect(page.getByTestId('hours-for-table').locator('tbody tr, tfoot tr')).toHaveText([
    'Friday singing2.000.002.00',
    'Total2.000.002.00',
  ]);
  const [forFile] = await Promise.all([
    page.waitForEvent('download'),
    press(page.getByRole('link', { name: 'Download what the hours were for as CSV' })),
  ]);
  expect(forFile.suggestedFilename()).toMatch(/^kith-hours-for-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}-made-\d{4}-\d{2}-\d{2}\.csv$/);
  expect((await fs.readFile(await forFile.path(), 'utf8')).split('\r\n')).toEqual([
    '\ufefffor,volunteering (hours),exchange (hours),all (hours)',
    'Friday singing,2.00,0.00,2.00',
    'Total,2.00,0.00,2.00',
    '',
  ]);
  await expect(page.getByTestId('sessions-table').locator('tbody tr, tfoot tr')).toHaveText([
    'Friday singing17',
    'Total17',
  ]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    press(page.getByRole('link', { name: 'Download sessions as CSV' })),
  ]);
  expect(download.suggestedFilename()).toMatch(/^kith-sessions-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}-made-\d{4}-\d{2}-\d{2}\.csv$/);
  expect((await fs.readFile(await download.path(), 'utf8')).split('\r\n')).toEqual([
    '\ufeffactivity,sessions,attendance',
    'Friday singing,1,7',
    'Total,1,7',
    '',
  ]);
});

test('a follow-up planned from a connection appears on the home screen when due, and is done in one tap', async ({ page }) => {
  await addPerson(page, { name: 'Cal Green', area: 'S40', gifts: [{ skills: 'gardening' }] });
  await addPerson(page, { name: 'Bea Gardner', area: 'S40', gifts: [{ mode: 'Needs', skills: 'gardening' }] });
  await press(page.getByRole('link', { name: 'Find who could help' }));
  await press(page.getByRole('button', { name: 'Connect Bea Gardner and Cal Green' }));
  await press(page.getByRole('button', { name: 'Save the connection' }));
  await press(page.getByRole('link', { name: 'Back to Bea Gardner' }));
  await press(page.getByRole('button', { name: 'Follow up in a week with Cal Green' }));
  await expect(page.getByTestId('connection-list')).toContainText(/Follow-up planned for \d+ \w+ \d{4}\./);
  await press(mainNav(page).getByRole('link', { name: 'Home' }));
  await expect(page.getByTestId('home-counts')).toBeVisible();
  await expect(page.getByTestId('due-follow-ups')).toHaveCount(0);

  // Eight days later.
  await page.clock.setFixedTime(new Date(Date.now() + 8 * 24 * 3600 * 1000));
  await page.reload();
  const due = page.getByTestId('due-follow-ups');
  await expect(due.getByRole('listitem')).toHaveText(['Follow up with Bea Gardner and Cal Green (1 day overdue)Done']);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(due.getByRole('button', { name: 'Done: Follow up with Bea Gardner and Cal Green (1 day overdue)' }));
  await expect(page.getByTestId('due-follow-ups')).toHaveCount(0);
  // A slip of the thumb: Undo makes it due again, then it is done for real.
  const undo = page.getByTestId('undo-bar');
  await expect(undo).toContainText('Done: Follow up with Bea Gardner and Cal Green (1 day overdue).');
  await press(undo.getByRole('button', { name: 'Undo' }));
  await expect(due.getByRole('listitem')).toHaveText(['Follow up with Bea Gardner and Cal Green (1 day overdue)Done']);
  await press(due.getByRole('button', { name: 'Done: Follow up with Bea Gardner and Cal Green (1 day overdue)' }));
  await expect(page.getByTestId('due-follow-ups')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('home-counts')).toBeVisible();
  await expect(page.getByTestId('due-follow-ups')).toHaveCount(0);
  await open(page, '/log');
  await expect(page.getByTestId('log-list')).toContainText('Bea Gardner followed up with Cal Green (made)');
});

test('a group adds its regular activity, and a session of it is recorded', async ({ page }) => {
  await addPerson(page, { name: 'Amina Begum' });
  await page.goto('/places/new');
  await page.getByLabel('Name (needed)').fill("St Mary's Hall");
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText("St Mary's Hall");
  await page.goto('/groups/new');
  await page.getByLabel('Name (needed)').fill('Tuesday Choir');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Tuesday Choir');

  await press(page.getByRole('link', { name: 'Add an activity' }));
  await expect(heading(page)).toHaveText('Add an activity');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('save-error')).toHaveText('A name is needed.');
  await page.getByLabel('Name (needed)').fill('Friday singing');
  await page.getByLabel('Where').selectOption({ label: "St Mary's Hall" });
  await page.getByRole('group', { name: 'Every' }).getByRole('checkbox', { name: 'Friday' }).check();
  await page.getByLabel('Starts').fill('10:30');
  await page.getByLabel('Ends').fill('12:00');
  await page.getByLabel('Skills').fill('singing, choir');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Tuesday Choir');
  await expect(page.getByTestId('saved')).toHaveText('Saved Friday singing.');
  await expect(page.getByTestId('activity-list').getByRole('listitem')).toHaveText(['Friday singingChange']);

  // A second activity, with no usual place.
  await press(page.getByRole('link', { name: 'Add an activity' }));
  await page.getByLabel('Name (needed)').fill('Park walk');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('activity-list').getByRole('listitem')).toHaveText(['Friday singingChange', 'Park walkChange']);

  // The place follows the activity chosen, until one is chosen by hand.
  await open(page, '/log/sessions/new');
  const where = page.getByLabel('Where').locator('option:checked');
  await page.getByLabel('Activity').selectOption({ label: 'Friday singing' });
  await expect(where).toHaveText("St Mary's Hall");
  await page.getByLabel('Activity').selectOption({ label: 'Park walk' });
  await expect(where).toHaveText('Not said');
  await page.getByLabel('Activity').selectOption({ label: 'Friday singing' });
  await expect(where).toHaveText("St Mary's Hall");
  await page.getByLabel('Where').selectOption({ label: 'Not said' });
  await page.getByLabel('Activity').selectOption({ label: 'Park walk' });
  await page.getByLabel('Activity').selectOption({ label: 'Friday singing' });
  await expect(where).toHaveText('Not said');
  await page.getByLabel('Where').selectOption({ label: "St Mary's Hall" });
  await page.getByRole('group', { name: 'Who came' }).getByRole('checkbox', { name: 'Amina Begum' }).check();
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('log-list').getByRole('listitem').first()).toContainText("Friday singing held at St Mary's Hall: 1 came");
});

test('a referral recorded by a named worker, its status changed when she went: both pages, the log by worker, the report and its CSV', async ({ page }) => {
  // Who is recording: their name goes on what they record.
  await open(page, '/settings');
  await page.getByLabel('Your name').fill('  Sam Okafor ');
  await press(page.getByRole('button', { name: 'Save your name' }));
  await expect(page.getByText('Saved: what you record from now on says it was recorded by Sam Okafor.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Your name')).toHaveValue('Sam Okafor');

  await page.goto('/groups/new');
  await page.getByLabel('Name (needed)').fill('Food bank');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Food bank');
  await addPerson(page, { name: 'Amina Begum', gifts: [{ mode: 'Needs', skills: 'food', words: 'Weekly shop' }] });

  await press(page.getByRole('link', { name: 'Record a connection' }));
  await expect(heading(page)).toHaveText('Record a connection');
  await expect(page.getByLabel('Who was connected').locator('option:checked')).toHaveText('Amina Begum');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('save-error')).toHaveText('Choose who or what they were connected to.');
  await page.getByLabel('To whom or what').selectOption({ label: 'Food bank (group)' });
  // A follow-up needs its day; the other kinds have none.
  await press(page.getByText('Follow-up', { exact: true }));
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('save-error')).toHaveText('Type the day to follow up by, as year-month-day: 2026-12-04.');
  await press(page.getByText('Referral', { exact: true }));
  await expect(page.getByLabel('Follow up by')).toHaveCount(0);
  await press(page.getByText('Suggested', { exact: true }));
  await page.getByLabel('The need it answers').selectOption({ label: 'Needs: food: Weekly shop' });
  await page.getByLabel('Note').fill('Tuesdays at ten, ask for Jo');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(page.getByRole('button', { name: 'Save' }));

  await expect(heading(page)).toHaveText('Amina Begum');
  await expect(page.getByTestId('saved')).toHaveText('Saved: Amina Begum referred to Food bank (suggested).');
  const connections = page.getByTestId('connection-list').getByRole('listitem');
  await expect(connections).toHaveCount(1);
  await expect(connections.first()).toContainText('Referred to Food bank');
  await expect(connections.first()).toContainText('suggested');

  // She went: the same connection, now attended.
  await press(page.getByRole('link', { name: 'Change the connection with Food bank' }));
  await expect(heading(page)).toHaveText('Change a connection');
  await expect(page.getByLabel('Note')).toHaveValue('Tuesdays at ten, ask for Jo');
  await expect(page.getByLabel('The need it answers').locator('option:checked')).toHaveText('Needs: food: Weekly shop');
  await press(page.getByText('Attended', { exact: true }));
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Amina Begum');
  await expect(connections).toHaveCount(1);
  await expect(connections.first()).toContainText('attended');
  await page.reload();
  await expect(page.getByTestId('connection-list').getByRole('listitem').first()).toContainText('attended');
  await open(page, '/people');
  await press(page.getByRole('main').getByRole('link', { name: 'Food bank', exact: true }));
  await expect(page.getByTestId('connection-list')).toContainText('Amina Begum was referred here');

  // Another worker on the same device signposts her too.
  await open(page, '/settings');
  await page.getByLabel('Your name').fill('Jo Reid');
  await press(page.getByRole('button', { name: 'Save your name' }));
  await open(page, '/log');
  await press(page.getByRole('link', { name: 'Record a connection' }));
  await page.getByLabel('Who was connected').selectOption({ label: 'Amina Begum' });
  await page.getByLabel('To whom or what').selectOption({ label: 'Food bank (group)' });
  await press(page.getByText('Signpost', { exact: true }));
  await press(page.getByText('Made', { exact: true }));
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Amina Begum');

  await open(page, '/log');
  const lines = page.getByTestId('log-list').getByRole('listitem');
  await expect(lines).toHaveCount(2);
  await press(page.locator('summary', { hasText: 'Filters' }));
  await page.getByLabel('Recorded by').selectOption({ label: 'Sam Okafor' });
  await expect(page.locator('summary')).toHaveText('Filters (1 in use)');
  await expect(page.getByTestId('log-count')).toHaveText('1 entry matches.');
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText('Amina Begum referred to Food bank (attended), for: food: Weekly shop');
  await expect(lines.first()).toContainText('Sam Okafor');
  await page.getByLabel('Recorded by').selectOption({ label: 'Jo Reid' });
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText('Amina Begum signposted to Food bank (made)');
  expect(await seriousA11yViolations(page)).toEqual([]);
  // Changed from the log, it comes back to the log.
  await press(page.getByRole('link', { name: 'Change: Amina Begum signposted to Food bank (made)' }));
  await expect(heading(page)).toHaveText('Change a connection');
  await press(page.getByText('Declined', { exact: true }));
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Activity log');
  await expect(page.getByTestId('saved')).toHaveText('Saved: Amina Begum signposted to Food bank (declined).');
  await expect(lines).toHaveCount(2);

  await press(page.getByRole('link', { name: 'Reports' }));
  await expect(page.getByTestId('connections-table').locator('tbody tr, tfoot tr')).toHaveText([
    'Introductions00000',
    'Referrals00101',
    'Signposts00011',
    'Follow-ups00000',
    'Total00112',
  ]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    press(page.getByRole('link', { name: 'Download connections as CSV' })),
  ]);
  expect(download.suggestedFilename()).toMatch(/^kith-connections-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}-made-\d{4}-\d{2}-\d{2}\.csv$/);
  expect((await fs.readFile(await download.path(), 'utf8')).split('\r\n')).toEqual([
    '\ufefftype,suggested,made,attended,declined,all',
    'Introductions,0,0,0,0,0',
    'Referrals,0,0,1,0,1',
    'Signposts,0,0,0,1,1',
    'Follow-ups,0,0,0,0,0',
    'Total,0,0,1,1,2',
    '',
  ]);
});
