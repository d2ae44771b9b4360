// Adding people with their gifts, as a link worker on a doorstep would.
import { test, expect, open, press, addPerson, addGifts, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });

async function startAdding(page) {
  await open(page, '/people');
  await press(page.getByRole('link', { name: 'Add a person' }));
  await expect(heading(page)).toHaveText('Add a person');
}

test('a person and then their three gifts are saved in two short steps, listed, and still there after a reload', async ({ page }) => {
  await startAdding(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  // The first step is short: no gifts yet, nothing below consent but Save.
  await expect(page.getByRole('group', { name: 'Gift or need 1' })).toHaveCount(0);
  await page.getByLabel('Name (needed)').fill('Amina Begum');
  await page.getByLabel('Area or postcode').fill('s40 1ab');
  await page.getByLabel('Phone', { exact: true }).fill('07700 900123');
  await page.getByLabel('Keep their details in Kith').check();
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Amina Begum');
  await expect(page.getByTestId('saved')).toHaveText('Saved Amina Begum. Add what they can give and need next.');

  // Next, her gifts and needs.
  await press(page.getByRole('link', { name: 'Add gifts and needs' }));
  await expect(heading(page)).toHaveText('Gifts and needs of Amina Begum');
  expect(await seriousA11yViolations(page)).toEqual([]);
  const gift = (n) => page.getByRole('group', { name: `Gift or need ${n}` });
  await gift(1).getByLabel('Skills').fill('Baking, cakes');
  await press(page.getByRole('button', { name: 'Add another gift or need' }));
  await press(gift(2).getByText('Can teach'));
  await press(gift(2).getByText('Head: knows'));
  await gift(2).getByLabel('Skills').fill('Bengali');
  await press(page.getByRole('button', { name: 'Add another gift or need' }));
  await press(gift(3).getByText('Needs'));
  await gift(3).getByLabel('In their words').fill('Lifts to the surgery');
  await press(page.getByRole('button', { name: 'Save gifts and needs' }));

  // The save lands on her page: what was just recorded, in words.
  await expect(heading(page)).toHaveText('Amina Begum');
  await expect(page.getByTestId('saved')).toHaveText('Saved Amina Begum with 3 gifts and needs.');
  await expect(page.getByTestId('gift-list').getByRole('listitem')).toHaveText([
    'Can offer baking, cakeshandsFind who could use this',
    'Can teach bengaliheadFind who could use this',
    'Needs Lifts to the surgeryhandsFind who could help',
  ]);
  await page.reload();
  await expect(heading(page)).toHaveText('Amina Begum');
  await expect(page.getByTestId('saved')).toBeEmpty();
  await expect(page.getByTestId('gift-list').getByRole('listitem')).toHaveCount(3);

  await press(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }));
  const row = page.getByTestId('people-list').getByRole('listitem').filter({ hasText: 'Amina Begum' });
  await expect(row).toHaveText('Amina BegumS40');

  // The skills now in use are offered first for the next gifts.
  await press(page.getByRole('link', { name: 'Add a group' }));
  // (The list fills in as the form opens: wait for it.)
  const offered = () => page.locator('#skill-terms option').evaluateAll((os) => os.map((o) => o.value));
  await expect.poll(async () => (await offered()).slice(0, 3).sort()).toEqual(['baking', 'bengali', 'cakes']);
});

test('a save without a name is refused with the reason, and nothing typed is lost', async ({ page }) => {
  await startAdding(page);
  await page.getByLabel('Area or postcode').fill('S40');
  await press(page.getByRole('button', { name: 'Save' }));
  // Said at the box it is about, which takes focus (contacts.spec.mjs has more).
  const name = page.getByLabel('Name (needed)');
  await expect(name).toHaveAccessibleDescription('A name is needed.');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await expect(page.getByLabel('Area or postcode')).toHaveValue('S40');
  await name.fill('Bea Moss');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('saved')).toHaveText('Saved Bea Moss as not asked yet. Add what they can give and need next.');
});

test('a save on a full device fails whole, says so, and keeps what was typed', async ({ page, context, server }) => {
  // The browser's estimate says there is plenty of room: the save must be
  // told from its own failure that the device is full.
  await page.addInitScript(() => {
    StorageManager.prototype.estimate = async () => ({ usage: 1_000_000, quota: 64_000_000_000 });
  });
  await startAdding(page);
  await page.getByLabel('Name (needed)').fill('Cara Full');
  await page.getByLabel('Area or postcode').fill('S41');
  const cdp = await context.newCDPSession(page);
  const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin: server.url });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: usage });

  await press(page.getByRole('button', { name: 'Save' }));
  // Said beside Save, where the person is looking, and focused.
  const failed = page.getByTestId('save-error');
  await expect(failed).toHaveText(
    'This device is out of space, so this was not saved. What you typed is still here: free some space on the device (photos, videos or apps you no longer need), then try again.',
  );
  await expect(failed).toBeFocused();
  await expect(failed).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Save' })).toBeInViewport();
  await expect(page.getByLabel('Name (needed)')).toHaveValue('Cara Full');

  // Room again: the same form saves, once.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url });
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('saved')).toHaveText('Saved Cara Full as not asked yet. Add what they can give and need next.');
  await press(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }));
  await expect(page.getByTestId('people-list').getByText('Cara Full')).toHaveCount(1);
});

test('a person is edited, then deleted with their gifts, and stays gone after a reload', async ({ page }) => {
  await startAdding(page);
  await page.getByLabel('Name (needed)').fill('Dev Patel');
  await page.getByLabel('Phone', { exact: true }).fill('07700 900456');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Dev Patel');
  await addGifts(page, 'Dev Patel', [{ skills: 'guitar' }]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  // A phone number opens the dialler.
  await expect(page.getByRole('link', { name: '07700 900456' })).toHaveAttribute('href', 'tel:07700900456');

  await press(page.getByRole('link', { name: 'Edit Dev Patel' }));
  await expect(heading(page)).toHaveText('Edit Dev Patel');
  await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('07700 900456');
  await page.getByLabel('Name (needed)').fill('Dev Patel-Singh');
  await page.getByRole('group', { name: 'Gift or need 1' }).getByLabel('Skills').fill('guitar, ukulele');
  await page.getByRole('group', { name: 'Gift or need 1' }).getByLabel('Tags').fill('music, evenings, Music');
  // Every way to reach him, and which to try first.
  await page.getByLabel('Email', { exact: true }).fill('dev@example.org');
  await page.getByLabel('Postal address').fill('3 Hill Road, Chesterfield');
  await page.getByLabel('Another way', { exact: true }).fill('WhatsApp');
  await press(page.getByText('By email', { exact: true }));
  await press(page.getByRole('button', { name: 'Add another gift or need' }));
  await press(page.getByRole('group', { name: 'Gift or need 2' }).getByText('Needs'));
  await page.getByRole('group', { name: 'Gift or need 2' }).getByLabel('In their words').fill('A lift on Thursdays');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText('Dev Patel-Singh');
  await expect(page.getByTestId('gift-list').getByRole('listitem')).toHaveText([
    'Can offer guitar, ukulele · tags: music, eveningshandsFind who could use this',
    'Needs A lift on ThursdayshandsFind who could help',
  ]);

  await expect(page.getByTestId('contact-list').getByRole('listitem')).toHaveText([
    '07700 900456',
    'dev@example.org (try first)',
    'Post: 3 Hill Road, Chesterfield',
    'Other: WhatsApp',
  ]);
  await expect(page.getByRole('link', { name: 'dev@example.org' })).toHaveAttribute('href', 'mailto:dev@example.org');

  await press(page.getByRole('button', { name: 'Delete Dev Patel-Singh' }));
  expect(await seriousA11yViolations(page)).toEqual([]);
  await expect(page.getByRole('heading', { name: 'Delete Dev Patel-Singh and 2 gifts and needs?' })).toBeVisible();
  await press(page.getByRole('button', { name: 'Yes, delete' }));
  await expect(heading(page)).toHaveText('People, groups and places');
  await expect(page.getByTestId('saved')).toHaveText('Deleted Dev Patel-Singh.');
  await expect(page.getByText('Dev Patel-Singh', { exact: true })).toHaveCount(0);
  await page.reload();
  await expect(heading(page)).toHaveText('People, groups and places');
  await expect(page.getByText('Dev Patel-Singh', { exact: true })).toHaveCount(0);
});

test('the same name in the same area is pointed out before saving, with the way to their record; the browser offers none of the worker\'s own details', async ({ page }) => {
  await addPerson(page, { name: 'Amina Begum', area: 'S40 1AB', agreed: ['Keep their details in Kith'] });
  const first = page.url();
  await startAdding(page);
  // Resident boxes are never filled from the worker's own saved details.
  const boxes = page.locator('form input[type="text"], form input[type="tel"], form input[type="email"]');
  expect(await boxes.count()).toBeGreaterThan(2);
  for (const box of await boxes.all()) await expect(box).toHaveAttribute('autocomplete', 'off');

  await page.getByLabel('Name (needed)').fill('amina  begum');
  await page.getByLabel('Area or postcode').fill('s40 2zz');
  const namesake = page.getByTestId('namesake');
  await expect(namesake).toContainText('Already on this device, with the same name and area:');
  const link = namesake.getByRole('link', { name: "Open Amina Begum's record" });
  await expect(link).toHaveAttribute('href', new URL(first).pathname);
  expect(await seriousA11yViolations(page)).toEqual([]);
  // Another area: someone else.
  await page.getByLabel('Area or postcode').fill('S41');
  await expect(namesake).toBeEmpty();
  // The same area again, and it really is another Amina: saved, both kept.
  await page.getByLabel('Area or postcode').fill('S40');
  await expect(namesake).toContainText('Already on this device');
  await press(page.getByRole('button', { name: /^Save/ }));
  await expect(heading(page)).toHaveText(/^amina\s+begum$/);
  await open(page, '/people');
  const listed = page.getByTestId('people-list').getByRole('listitem');
  await expect(listed).toHaveCount(2);
  await expect(listed.filter({ hasText: /^amina\s+begumS40$/i })).toHaveCount(2);
  // The link goes to the one already recorded.
  await startAdding(page);
  await page.getByLabel('Name (needed)').fill('Amina Begum');
  await page.getByLabel('Area or postcode').fill('S40');
  await expect(page.getByTestId('namesake').getByRole('link')).toHaveCount(2);
  await press(page.getByTestId('namesake').getByRole('link').first());
  await expect(heading(page)).toHaveText(/^amina\s+begum$/i);
});
