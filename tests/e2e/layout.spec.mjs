// WCAG 2.2 AA where it bites on a phone, measured rather than looked at:
// every section and form reflows at 320 CSS px (a 640 px window at 200%
// zoom) with nothing off to the side, report tables included; focus
// lands on each page's heading as it is arrived at; and a field with
// focus is never under the navigation bar.
import { test, expect, open, press, mainNav, addPerson, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });
const main = (page) => page.getByRole('main');
// A long name, to see that lines and table rows wrap rather than widen.
const GIVER = 'Nia Oluwaseun-Fairweather';
const RECEIVER = 'Omar Quinn';

/// The sample neighbourhood, and entries of the worker's own so that every
/// report table has lines: hours between two real people, a session of the
/// sample's activity, a connection.
async function neighbourhoodWithEntries(page) {
  await open(page, '/');
  await press(page.getByRole('button', { name: 'Try a sample neighbourhood' }));
  await expect(page.getByTestId('sample-banner')).toBeVisible();
  await addPerson(page, { name: GIVER, area: 'S40' });
  await addPerson(page, { name: RECEIVER, area: 'S40' });

  await open(page, '/log/hours/new');
  await page.getByLabel('Who gave the time').selectOption({ label: GIVER });
  await page.getByRole('group', { name: 'Who received it' }).getByRole('checkbox', { name: RECEIVER }).check();
  await page.getByLabel('Hours', { exact: true }).fill('1');
  await page.getByLabel('Minutes', { exact: true }).fill('40');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('saved')).toContainText('Saved');

  await open(page, '/log/sessions/new');
  await page.getByLabel('Activity').selectOption({ label: 'Friday singing' });
  await page.getByRole('group', { name: 'Who came' }).getByRole('checkbox', { name: GIVER }).check();
  await page.getByLabel('Others who came').fill('4');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('saved')).toContainText('Saved');

  await open(page, '/log/connections/new');
  await page.getByLabel('Who was connected').selectOption({ label: GIVER });
  await page.getByLabel('To whom or what').selectOption({ label: 'Tuesday Choir (group)' });
  await press(page.getByText('Made', { exact: true }));
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText(GIVER);
}

const viaNav = (label) => async (page) => press(mainNav(page).getByRole('link', { name: label }));
const viaLink = (section, link) => async (page) => {
  await viaNav(section)(page);
  await press(main(page).getByRole('link', { name: link, exact: true }));
};
const openFilters = async (page) => {
  await press(page.locator('summary', { hasText: 'Filters' }));
  await expect(page.locator('details.filters')).toHaveAttribute('open', '');
};

// Every section and form, reached as a person would reach it, and what to
// open on it before measuring.
const PAGES = [
  { title: 'Skills map', go: viaNav('Home') },
  { title: 'People, groups and places', go: viaNav('People'), then: openFilters },
  { title: 'Amina Begum', go: viaLink('People', 'Amina Begum') },
  { title: 'Add a person', go: viaLink('People', 'Add a person') },
  { title: 'Add a group', go: viaLink('People', 'Add a group') },
  { title: 'Add a place', go: viaLink('People', 'Add a place') },
  { title: 'Map', go: viaNav('Map') },
  { title: 'Activity log', go: viaNav('Log'), then: openFilters },
  { title: 'Record hours', go: viaLink('Log', 'Record hours') },
  { title: 'Record a session', go: viaLink('Log', 'Record a session') },
  { title: 'Record a connection', go: viaLink('Log', 'Record a connection') },
  {
    title: 'Reports',
    go: viaLink('Log', 'Reports'),
    then: async (page) => {
      for (const table of ['hours-table', 'hours-for-table', 'sessions-table', 'connections-table']) {
        await expect(page.getByTestId(table).locator('tbody tr').first()).toBeVisible();
      }
    },
  },
  { title: 'Sync', go: viaNav('Sync') },
  { title: 'Settings', go: viaNav('Settings') },
];

/// What reaches past the sides of the page: the page's own sideways
/// scroll, each box beyond the viewport's edge that nothing clips, and each
/// box that scrolls sideways inside itself (a table too wide for its frame).
function overflow() {
  const root = document.documentElement;
  const width = root.clientWidth;
  const name = (el) => {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const testid = el.dataset?.testid ? `[data-testid=${el.dataset.testid}]` : '';
    const text = (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${cls}${testid}> "${text}"`;
  };
  const past = [];
  const scrolling = [];
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || style.visibility === 'hidden') continue;
    let [left, right] = [box.left, box.right];
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') {
        const frame = up.getBoundingClientRect();
        left = Math.max(left, frame.left);
        right = Math.min(right, frame.right);
      }
    }
    if (right > width + 0.5 || left < -0.5) {
      past.push(`${name(el)} spans ${Math.round(box.left)} to ${Math.round(box.right)} px`);
    }
    const control = ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
    if (!control && ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      scrolling.push(`${name(el)} scrolls ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
  }
  return {
    sideways: root.scrollWidth > width ? `${root.scrollWidth} px wide in ${width} px` : null,
    past,
    scrolling,
  };
}

test('at 320 px every section and form reflows, passes axe, and takes focus on its heading when arrived at', async ({ page }) => {
  test.slow();
  await neighbourhoodWithEntries(page);
  // 320 px: a 640 px window at 200% (WCAG's reflow width); on the phone
  // also its own 360 px at 200%, 180 px, where nothing may push sideways
  // either (axe once, at 320 px).
  const widths = test.info().project.name === 'phone' ? [320, 180] : [320];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 640 });
    for (const { title, go, then } of PAGES) {
      const where = `${title} at ${width} px`;
      await go(page);
      await expect(heading(page)).toHaveText(title);
      // Arrived by a link: focus is on the new page's heading, so a screen
      // reader reads it and the next Tab goes into the page.
      await expect(heading(page), where).toBeFocused();
      if (then) await then(page);
      // Soft: one run names every page and element that does not fit.
      expect.soft(await page.evaluate(overflow), where).toEqual({ sideways: null, past: [], scrolling: [] });
      if (width === 320) expect.soft(await seriousA11yViolations(page), where).toEqual([]);
    }
  }
});

test('report tables at 360 and 320 px: each line stacked, every figure beside its heading, the total too', async ({ page }) => {
  test.slow();
  await neighbourhoodWithEntries(page);
  await open(page, '/log/report');
  const sessions = page.getByTestId('sessions-table');
  await expect(sessions.locator('tbody tr').first()).toBeVisible();
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 640 });
    expect(await page.evaluate(overflow), `${width} px`).toEqual({ sideways: null, past: [], scrolling: [] });
    // Read as it is drawn: the line's label, then each figure after its
    // column's heading, one under another.
    const drawn = await sessions.locator('tbody tr, tfoot tr').evaluateAll((rows) =>
      rows.map((tr) => [...tr.children].map((cell) => {
        const label = getComputedStyle(cell, '::before').content;
        const said = label && label !== 'none' ? cell.dataset.label : '';
        return [said, cell.textContent].filter(Boolean).join(' ');
      })),
    );
    expect(drawn.length).toBeGreaterThanOrEqual(2);
    for (const row of drawn) {
      expect(row.slice(1).map((cell) => cell.replace(/ \d+$/, ''))).toEqual(['Sessions', 'Attendance']);
    }
    expect(drawn.at(-1)[0]).toBe('Total');
    // The Attendance figures are on screen, below their line's label.
    for (const row of await sessions.locator('tbody tr, tfoot tr').all()) {
      const label = await row.locator('th').boundingBox();
      const attendance = await row.locator('td').last().boundingBox();
      expect(attendance.x + attendance.width).toBeLessThanOrEqual(width);
      expect(attendance.y).toBeGreaterThanOrEqual(label.y + label.height - 1);
    }
  }
  // Still a table to a screen reader: its column headings and row headings.
  const snapshot = await sessions.ariaSnapshot();
  expect(snapshot).toMatch(/- table/);
  expect(snapshot).toMatch(/- columnheader "Attendance"/);
  expect(snapshot).toMatch(/- rowheader "Total"/);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('focus follows links, Back and Forward to the new page’s heading, but not on the first load or from a form’s own', async ({ page }) => {
  await open(page, '/');
  // Two frames: time for anything the page might do on its first draw.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

  await press(page.getByRole('link', { name: 'Add the first person you meet' }));
  await expect(heading(page)).toHaveText('Add a person');
  await expect(heading(page)).toBeFocused();
  // The heading is not a Tab stop, and the first Tab goes into the form.
  await expect(heading(page)).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Name (needed)')).toBeFocused();

  await page.goBack();
  await expect(heading(page)).toHaveText('Skills map');
  await expect(heading(page)).toBeFocused();
  await page.goForward();
  await expect(heading(page)).toHaveText('Add a person');
  await expect(heading(page)).toBeFocused();

  // A save refused stays on the page: focus stays where the form put it.
  await page.getByRole('button', { name: 'Save' }).focus();
  await page.keyboard.press('Enter');
  const name = page.getByLabel('Name (needed)');
  await expect(name).toHaveAccessibleDescription('A name is needed.');
  await expect(name).toBeFocused();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(heading(page)).not.toBeFocused();
});

/// Where the focused element is, against the navigation bar and the
/// viewport: what is hidden, in words.
function focusedPlace() {
  const el = document.activeElement;
  if (!el || el === document.body || !el.closest('main')) return null;
  const what = (el.labels?.[0]?.textContent || el.getAttribute('aria-label') || el.textContent || el.id).trim().slice(0, 40);
  // The field as seen: a box ticked or an option chosen is its label.
  const box = (el.closest('label') ?? el).getBoundingClientRect();
  const bar = document.querySelector('nav.tabs').getBoundingClientRect();
  const under = box.bottom > bar.top + 0.5 && box.top < bar.bottom - 0.5;
  const outside = box.top < -0.5 || box.bottom > innerHeight + 0.5;
  return {
    what,
    hidden: under || outside
      ? `${what}: ${Math.round(box.top)} to ${Math.round(box.bottom)} px, the bar from ${Math.round(bar.top)} px, the screen to ${innerHeight} px`
      : null,
  };
}

test('a field with focus is never under the navigation bar: by Tab, by a tap, or moved there by the page', async ({ page }) => {
  test.skip(test.info().project.name !== 'phone', 'the bar is at the bottom of the screen only on a phone');
  // A phone, then the same phone with its on-screen keyboard up (less
  // room; shorter still and the bar moves to the top of the page).
  for (const height of [740, 480, 400]) {
    await page.setViewportSize({ width: 360, height });
    // A group's form: the longest, with its gifts on the same page.
    await open(page, '/people');
    await press(page.getByRole('link', { name: 'Add a group' }));
    await expect(heading(page)).toBeFocused();
    await press(page.getByRole('button', { name: 'Add another gift or need' }));
    await heading(page).focus();
    const seen = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const place = await page.evaluate(focusedPlace);
      if (!place) break;
      seen.push(place);
    }
    expect(seen.length, `${height} px`).toBeGreaterThan(10);
    expect(seen.map((s) => s.hidden).filter(Boolean), `${height} px`).toEqual([]);

    // The page moving focus itself (as to a field with a mistake), from
    // the top of a long form to the bottom of it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'Save' }).evaluate((b) => b.focus());
    expect((await page.evaluate(focusedPlace)).hidden, `${height} px`).toBeNull();

    // Below 28em (448 px) tall the bar is in the page, above it; taller,
    // it is fixed at the bottom: a tap on a field half under it.
    const fixed = await mainNav(page).evaluate((nav) => getComputedStyle(nav).position === 'fixed');
    expect(fixed, `${height} px`).toBe(height > 448);
    if (!fixed) continue;
    await page.evaluate(() => window.scrollTo(0, 0));
    const name = page.getByRole('group', { name: 'Gift or need 2' }).getByLabel('Skills');
    const bar = await mainNav(page).boundingBox();
    const box = await name.boundingBox();
    await page.evaluate((by) => window.scrollBy(0, by), box.y + box.height / 2 - bar.y);
    const half = await name.boundingBox();
    expect(half.y).toBeLessThan(bar.y);
    expect(half.y + half.height).toBeGreaterThan(bar.y);
    await page.touchscreen.tap(half.x + 20, half.y + 2);
    await expect(name).toBeFocused();
    expect((await page.evaluate(focusedPlace)).hidden, `${height} px`).toBeNull();
  }
});
