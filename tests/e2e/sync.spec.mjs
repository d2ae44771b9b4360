// Two phones and one team server (a real PouchDB Server): a worker sets
// sync up on each, as a person would, and what one records reaches the
// other, unless the person recorded did not agree to it. A phone with no
// signal keeps its changes waiting and sends them when the signal is back.
import { test, expect, press } from './fixtures.mjs';
import { KEEP, SHARE, addPersonFor, expectSynced, setUpSync, syncNow } from './sync-help.mjs';

/// A database and a member of it, of this test's own.
async function teamDatabase(couch, testInfo) {
  const tag = `${testInfo.project.name}-${testInfo.workerIndex}-${Date.now()}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const db = `team-${tag}`;
  const user = `worker-${tag}`;
  await couch.createDb(db);
  await couch.addUser(user, 'a-Pa55word');
  return { address: `${couch.url}/${db}`, user, password: 'a-Pa55word', db };
}

async function secondPhone(browser, baseURL) {
  const context = await browser.newContext({ baseURL });
  return { context, page: await context.newPage() };
}

test('what a worker records reaches a second phone, and only what the person agreed to share', async ({ page, browser, baseURL, couch }, testInfo) => {
  const team = await teamDatabase(couch, testInfo);
  await setUpSync(page, team);
  await addPersonFor(page, 'Amina Begum', [KEEP, SHARE]);
  await addPersonFor(page, 'Ben Not Asked', [KEEP]);
  await press(page.getByRole('link', { name: 'Sync' }).first());
  await press(page.getByRole('button', { name: 'Sync now' }));
  await expect(page.getByTestId('sync-mark')).toHaveText('Synced', { timeout: 20_000 });
  await expect(page.getByTestId('sync-summary')).toHaveText('Everything on this phone is on the server.');
  await expect(page.getByTestId('sync-kept-here')).toContainText('1 record stays on this phone');

  const server = await couch.allDocs(team.db);
  expect(JSON.stringify(server)).toContain('Amina Begum');
  expect(JSON.stringify(server)).not.toContain('Ben Not Asked');

  const other = await secondPhone(browser, baseURL);
  await setUpSync(other.page, team);
  await expect(other.page.getByTestId('sync-mark')).toHaveText('Synced', { timeout: 20_000 });
  await other.page.goto('/people');
  await expect(other.page.getByRole('link', { name: 'Amina Begum' })).toBeVisible();
  await expect(other.page.getByText('Ben Not Asked')).toHaveCount(0);
  await other.context.close();
});

test('with no signal changes wait, and go when the signal is back', async ({ page, context, browser, baseURL, couch }, testInfo) => {
  const team = await teamDatabase(couch, testInfo);
  await setUpSync(page, team);
  await expect(page.getByTestId('sync-mark')).toHaveText(/Synced|Not synced yet/, { timeout: 20_000 });

  await context.setOffline(true);
  await addPersonFor(page, 'Chloe Offline', [KEEP, SHARE]);
  // Saved here at once; it cannot go yet.
  await expect(page.getByTestId('sync-mark')).toHaveText(/1 to send|Can't connect/, { timeout: 20_000 });
  await page.goto('/sync');
  await press(page.getByRole('button', { name: 'Sync now' }));
  await expect(page.getByTestId('sync-mark')).toHaveText("Can't connect", { timeout: 20_000 });
  await expect(page.getByTestId('sync-summary')).toContainText("Can't reach the server");

  // Lists and her page mark what has not gone yet.
  await page.goto('/people');
  const row = page.getByRole('listitem').filter({ hasText: 'Chloe Offline' });
  await expect(row.getByTestId('not-sent')).toHaveText('Not sent yet');
  await press(row.getByRole('link', { name: 'Chloe Offline' }));
  await expect(page.getByTestId('not-sent')).toHaveText('Not sent yet');

  await context.setOffline(false);
  await expect(page.getByTestId('sync-mark')).toHaveText('Synced', { timeout: 30_000 });
  await expect(page.getByTestId('not-sent')).toHaveCount(0);
  const other = await secondPhone(browser, baseURL);
  await setUpSync(other.page, team);
  await other.page.goto('/people');
  await expect(other.page.getByRole('link', { name: 'Chloe Offline' })).toBeVisible({ timeout: 20_000 });
  await other.context.close();
});

test('a withdrawal on one phone takes the person back from the other, and the first phone keeps them', async ({ page, browser, baseURL, couch }, testInfo) => {
  const team = await teamDatabase(couch, testInfo);
  await setUpSync(page, team);
  await addPersonFor(page, 'Amina Begum', [KEEP, SHARE]);
  const aminaPage = new URL(page.url()).pathname;
  await syncNow(page);
  await expectSynced(page);

  const other = await secondPhone(browser, baseURL);
  await setUpSync(other.page, team);
  await expect(other.page.getByTestId('sync-mark')).toHaveText('Synced', { timeout: 20_000 });
  await other.page.goto(aminaPage);
  await expect(other.page.getByRole('heading', { level: 1 })).toHaveText('Amina Begum');

  // Amina takes back her consent to be shared: the worker records it.
  await page.goto(`${aminaPage}/edit`);
  // The form is filled from her record first; then the box is untaken.
  await expect(page.getByLabel(SHARE)).toBeChecked();
  await page.getByLabel(SHARE).uncheck();
  await expect(page.getByLabel(SHARE)).not.toBeChecked();
  await press(page.getByRole('button', { name: /^Save/ }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Amina Begum');
  await page.goto('/sync');
  await press(page.getByRole('button', { name: 'Sync now' }));
  await expect(page.getByTestId('sync-kept-here')).toContainText('1 record stays on this phone', { timeout: 20_000 });
  const copy = (await couch.allDocs(team.db)).map((r) => r.doc);
  expect(JSON.stringify(copy)).not.toContain('Amina');

  await other.page.goto('/sync');
  await press(other.page.getByRole('button', { name: 'Sync now' }));
  await expect(other.page.getByTestId('sync-mark')).toHaveText('Synced', { timeout: 20_000 });
  await other.page.goto(aminaPage);
  await expect(other.page.getByRole('heading', { level: 1 })).toHaveText('Consent withdrawn');
  await expect(other.page.getByTestId('consent-withdrawn')).toContainText('withdrew their consent');
  await other.page.goto('/people');
  await expect(other.page.getByText('Amina Begum')).toHaveCount(0);
  await other.context.close();

  // The phone that recorded her still has everything.
  await page.goto(aminaPage);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Amina Begum');
});

test('one person changed on two phones: the second phone shows both versions, one is kept, and the choice reaches the first', async ({ page, browser, baseURL, couch }, testInfo) => {
  const team = await teamDatabase(couch, testInfo);
  await setUpSync(page, team);
  await addPersonFor(page, 'Dev Patel', [KEEP, SHARE]);
  const devPage = new URL(page.url()).pathname;
  await syncNow(page);
  await expectSynced(page);
  const other = await secondPhone(browser, baseURL);
  await setUpSync(other.page, team);
  await expect(other.page.getByTestId('sync-mark')).toHaveText('Synced', { timeout: 20_000 });

  // Both phones rename him before either hears of the other's change.
  await other.context.setOffline(true);
  for (const [phone, name] of [[page, 'Dev Patel (Sam)'], [other.page, 'Devendra Patel']]) {
    await phone.goto(`${devPage}/edit`);
    await phone.getByLabel('Name (needed)').fill(name);
    await press(phone.getByRole('button', { name: /^Save/ }));
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText(name);
  }
  await syncNow(page);
  await expectSynced(page);
  await other.context.setOffline(false);
  await other.page.goto('/sync');
  await press(other.page.getByRole('button', { name: 'Sync now' }));
  await expect(other.page.getByTestId('conflicts-count')).toHaveText('1 record has two versions: choose what to keep', { timeout: 20_000 });

  await other.page.goto('/conflicts');
  await press(other.page.getByTestId('conflicts-list').getByRole('link'));
  const mine = other.page.getByTestId('versions-side-by-side').getByRole('region').filter({ hasText: 'Devendra Patel' });
  await press(mine.getByRole('button', { name: 'Keep this version' }));
  await expect(other.page.getByTestId('saved')).toContainText('It has one version again.');
  await syncNow(other.page);
  await expectSynced(other.page);
  await other.context.close();

  await page.goto('/sync');
  await press(page.getByRole('button', { name: 'Sync now' }));
  await expect(page.getByTestId('sync-mark')).toHaveText('Synced', { timeout: 20_000 });
  await expect(page.getByTestId('conflicts-count')).toHaveCount(0);
  await page.goto(devPage);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Devendra Patel');
});
