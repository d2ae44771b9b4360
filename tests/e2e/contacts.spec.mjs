// Contact details that are what they say, as a link worker meets them: what
// is not an email address or a phone number is refused at its box, with
// focus moved there, and the links on a person's page mail and dial only
// what was checked.
import { test, expect, open, press, seriousA11yViolations, writeFirstVersion } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });
const save = (page) => press(page.getByRole('button', { name: 'Save' }));
const CC_ATTACK = 'x//@example.org?cc=someone@else.example&body=...';

async function startAdding(page, name) {
  await open(page, '/people');
  await press(page.getByRole('link', { name: 'Add a person' }));
  await expect(heading(page)).toHaveText('Add a person');
  await page.getByLabel('Name (needed)').fill(name);
}

/// The refusal shown right below `box`: its words, the box marked invalid
/// and described by them, focus on the box, and the box on screen.
async function expectRefusedAt(box, words) {
  const id = await box.getAttribute('id');
  const message = box.page().locator(`#${id}-error`);
  await expect(message).toHaveText(words);
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toHaveAttribute('aria-describedby', `${id}-error`);
  await expect(box).toHaveAccessibleDescription(words);
  await expect(box).toBeFocused();
  await expect(box).toBeInViewport();
  await expect(message).toBeInViewport();
  const [under, above] = [await message.boundingBox(), await box.boundingBox()];
  const gap = under.y - (above.y + above.height);
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(24);
}

/// No one called `name` is on the device, as the People page says in
/// another tab, before and after a reload; then back to the form's tab.
async function expectNotSaved(page, name) {
  const other = await page.context().newPage();
  await open(other, '/people');
  await expect(heading(other)).toHaveText('People, groups and places');
  await expect(other.getByText(name)).toHaveCount(0);
  await other.reload();
  await expect(heading(other)).toHaveText('People, groups and places');
  await expect(other.getByText(name)).toHaveCount(0);
  await other.close();
  await page.bringToFront();
}

test('an email with a cc riding along is refused under Email with nothing saved, and once fixed links to the address alone', async ({ page }) => {
  await startAdding(page, 'Cleo Shah');
  const email = page.getByLabel('Email', { exact: true });
  await email.fill(CC_ATTACK);
  await save(page);

  await expectRefusedAt(email, 'An email address cannot have “/”, “?” or “&” in it.');
  // Said once, at the box, not again at the top of the form.
  await expect(page.getByTestId('save-error')).toHaveCount(0);
  await expect(heading(page)).toHaveText('Add a person');
  await expect(email).toHaveValue(CC_ATTACK);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await expectNotSaved(page, 'Cleo Shah');

  await email.fill('cleo.shah@example.org');
  await page.getByLabel('Phone', { exact: true }).fill('07700 900123');
  await save(page);
  await expect(heading(page)).toHaveText('Cleo Shah');
  await expect(page.getByTestId('saved')).toHaveText('Saved Cleo Shah as not asked yet. Add what they can give and need next.');
  const contacts = page.getByTestId('contact-list');
  await expect(contacts.getByRole('link', { name: 'cleo.shah@example.org' })).toHaveAttribute('href', 'mailto:cleo.shah@example.org');
  await expect(contacts.getByRole('link', { name: '07700 900123' })).toHaveAttribute('href', 'tel:07700900123');
  await expect(contacts.getByRole('link')).toHaveCount(2);
});

test('letters in Phone are refused at the box; a number written the British way dials without its (0)', async ({ page }) => {
  await startAdding(page, 'Dev Rao');
  const phone = page.getByLabel('Phone', { exact: true });
  await phone.fill('07700 CALL ME');
  await save(page);
  await expectRefusedAt(phone, 'A phone number has only digits, spaces and a + at the start.');
  await expectNotSaved(page, 'Dev Rao');

  // Too short, then right: the message follows what was typed.
  await phone.fill('07700');
  await save(page);
  await expectRefusedAt(phone, 'A phone number has at least 6 digits.');
  await phone.fill('+44 (0)7700 900123');
  await save(page);
  await expect(heading(page)).toHaveText('Dev Rao');
  await expect(page.getByTestId('contact-list').getByRole('link', { name: '+44 (0)7700 900123' })).toHaveAttribute('href', 'tel:+447700900123');
});

test('a blank name is said under Name, with focus on Name and Name on screen, though Save is far below', async ({ page }) => {
  // A short screen: the first step is short, but not that short.
  await page.setViewportSize({ width: 360, height: 480 });
  await open(page, '/people/new');
  await page.getByLabel('Email', { exact: true }).fill('not an address');
  await page.getByRole('button', { name: 'Save' }).scrollIntoViewIfNeeded();
  await expect(page.getByLabel('Name (needed)')).not.toBeInViewport();
  await save(page);

  const name = page.getByLabel('Name (needed)');
  await expectRefusedAt(name, 'A name is needed.');
  // The first field refused is the one said: the email waits its turn.
  await expect(page.getByLabel('Email', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-email-error')).toHaveCount(0);

  await name.fill('Ema Lowe');
  await save(page);
  await expectRefusedAt(page.getByLabel('Email', { exact: true }), 'An email address has no spaces in it.');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await expect(name).not.toHaveAttribute('aria-describedby', /error/);
});

test('a refusal that is not of one box is said beside Save, and focus goes there', async ({ page }) => {
  await open(page, '/places/new');
  await page.getByLabel('Name (needed)').fill('St Mary’s Hall');
  await page.getByLabel('Position on the map').fill('north of the church');
  await page.getByRole('button', { name: 'Save' }).scrollIntoViewIfNeeded();
  await save(page);

  const alert = page.getByTestId('save-error');
  await expect(alert).toHaveText('Type the position as latitude, then longitude, in degrees: for example 53.2350, -1.4210.');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toBeFocused();
  await expect(alert).toBeInViewport();
  // Saved the same again, focus comes back to it from the Save button.
  await page.getByRole('button', { name: 'Save' }).focus();
  await save(page);
  await expect(alert).toBeFocused();
});

test('a way to reach them saved before it was checked is shown as text, not a link, and their record can still be edited', async ({ page }) => {
  // Written as Kith's first version kept records, which checked nothing.
  const id = 'person:00000000-0000-4000-8000-0000000c0a57';
  await writeFirstVersion(page, {
    [id]: {
      type: 'person',
      name: 'Fay Old',
      created: '2026-01-01T00:00:00Z',
      updated: '2026-01-01T00:00:00Z',
      contacts: [
        { kind: 'email', value: CC_ATTACK, preferred: true },
        { kind: 'phone', value: 'javascript:alert(1)' },
      ],
    },
  });

  await open(page, `/people/${id}`);
  await expect(heading(page)).toHaveText('Fay Old');
  const contacts = page.getByTestId('contact-list');
  await expect(contacts.getByRole('listitem')).toHaveText([
    `Email: ${CC_ATTACK} (check it: Kith cannot make a link of it) (try first)`,
    'Phone: javascript:alert(1) (check it: Kith cannot make a link of it)',
  ]);
  await expect(contacts.getByRole('link')).toHaveCount(0);

  // Edited without touching them, they are kept as they were.
  await press(page.getByRole('link', { name: 'Edit Fay Old' }));
  await page.getByLabel('Name (needed)').fill('Fay Oldham');
  await save(page);
  await expect(heading(page)).toHaveText('Fay Oldham');
  await expect(contacts.getByRole('listitem')).toHaveCount(2);

  // A changed one must be an address.
  await press(page.getByRole('link', { name: 'Edit Fay Oldham' }));
  const email = page.getByLabel('Email', { exact: true });
  await email.fill('fay@example.org?bcc=someone@else.example');
  await save(page);
  await expectRefusedAt(email, 'An email address cannot have “?” in it.');
  await email.fill('fay@example.org');
  await save(page);
  await expect(heading(page)).toHaveText('Fay Oldham');
  await expect(contacts.getByRole('link', { name: 'fay@example.org' })).toHaveAttribute('href', 'mailto:fay@example.org');
});
