// Two tabs of Kith on one phone: what is saved in one shows in the other
// with no reload, and a form open in one never loses what was typed when
// the other saves the same person.
import { test, expect, open, press, addPerson } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

/// Adds Amina in `page` and returns the address of her page.
async function amina(page) {
  await addPerson(page, { name: 'Amina Begum', area: 'S40', gifts: [{ skills: 'baking' }] });
  return new URL(page.url()).pathname;
}

/// Edits the name on the person's own form in `page` and saves it.
async function rename(page, path, name) {
  await page.goto(`${path}/edit`);
  await expect(heading(page)).toHaveText(/^Edit /);
  await page.getByLabel('Name (needed)').fill(name);
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText(name);
}

test('an edit in one tab shows in the other at once: the list, the person and the search', async ({ page, context }) => {
  const path = await amina(page);
  const list = await context.newPage();
  await open(list, '/people');
  await expect(list.getByTestId('people-list')).toContainText('Amina Begum');
  const person = await context.newPage();
  await open(person, path);
  const search = await context.newPage();
  await open(search, '/people');
  await search.getByRole('searchbox').fill('amina');
  await expect(search.getByTestId('search-results')).toContainText('Amina Begum');

  await rename(page, path, 'Amina Begum-Khan');
  // No reload anywhere: each page follows the save.
  const soon = { timeout: 1000 };
  await expect(list.getByTestId('people-list')).toContainText('Amina Begum-Khan', soon);
  await expect(heading(person)).toHaveText('Amina Begum-Khan', soon);
  await expect(search.getByTestId('search-results')).toContainText('Amina Begum-Khan', soon);
  // The list never flashed empty on the way.
  await expect(list.getByText('No one here yet')).toHaveCount(0);

  // A gift added in one tab appears on the person's page in the other.
  await page.goto(`${path}/edit`);
  await press(page.getByRole('button', { name: 'Add another gift or need' }));
  const second = page.getByRole('group', { name: 'Gift or need 2' });
  await press(second.getByText('Needs', { exact: true }));
  await second.getByLabel('In their words').fill('Lifts to the surgery');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(person.getByTestId('gift-list')).toContainText('Lifts to the surgery', soon);
});

test('a deletion in one tab shows as gone in the other', async ({ page, context }) => {
  const path = await amina(page);
  const list = await context.newPage();
  await open(list, '/people');
  const person = await context.newPage();
  await open(person, path);

  await page.goto(path);
  await press(page.getByRole('button', { name: 'Delete Amina Begum' }));
  await press(page.getByRole('button', { name: 'Yes, delete' }));
  await expect(page.getByTestId('saved')).toHaveText('Deleted Amina Begum.');

  const soon = { timeout: 1000 };
  await expect(list.getByText('Amina Begum')).toHaveCount(0, soon);
  await expect(list.getByRole('heading', { name: 'No one here yet' })).toBeVisible();
  await expect(heading(person)).toHaveText('Not on this device', soon);
});

test('a form open while another tab saves the same person keeps what was typed, and both versions', async ({ page, context }) => {
  const path = await amina(page);
  const form = await context.newPage();
  await open(form, `${path}/edit`);
  await form.getByLabel('Name (needed)').fill('Amina B. Begum');
  await form.getByLabel('Phone', { exact: true }).fill('07700 900123');

  await rename(page, path, 'Amina Begum-Khan');

  // The open form says so at once, and keeps every letter typed.
  const notice = form.getByTestId('changed-elsewhere');
  await expect(notice).toBeVisible({ timeout: 1000 });
  await expect(notice).toContainText('changed in another tab');
  await expect(form.getByLabel('Name (needed)')).toHaveValue('Amina B. Begum');
  await expect(form.getByLabel('Phone', { exact: true })).toHaveValue('07700 900123');
  await press(notice.getByText('Show the newer version'));
  await expect(form.getByTestId('newer-version')).toContainText('Name: Amina Begum-Khan');

  // Saving anyway keeps both versions, and says so.
  await press(form.getByRole('button', { name: 'Save' }));
  await expect(form.getByTestId('saved')).toContainText('both versions are kept');
  const versions = form.getByTestId('versions');
  await expect(versions).toContainText('Two versions are kept');
  await expect(versions).toContainText('nothing either side typed is lost');
  const shown = await heading(form).textContent();
  const other = shown === 'Amina B. Begum' ? 'Name: Amina Begum-Khan' : 'Name: Amina B. Begum';
  await expect(versions).toContainText(other);

  // The other tab's page of her says the same, without a reload.
  await page.goto(path);
  await expect(page.getByTestId('versions')).toContainText('Two versions are kept');
  await page.reload();
  await expect(page.getByTestId('versions')).toBeVisible();
});
