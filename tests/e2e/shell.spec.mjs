// The app shell, used as a person would: at phone size (and desktop), by
// touch and by keyboard, zoomed in, and with the network gone.
import { test, expect, SECTIONS, open, press, mainNav, headingLevels, seriousA11yViolations } from './fixtures.mjs';

test('the shell shows the home page, the navigation and one main landmark', async ({ page }) => {
  await open(page, '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skills map');
  await expect(page).toHaveTitle('Skills map · Kith');
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('banner')).toContainText('Kith');
  await expect(page.getByRole('heading', { name: 'Start here' })).toBeVisible();

  const links = mainNav(page).getByRole('link');
  await expect(links).toHaveText(SECTIONS.map((s) => s.label));
  await expect(mainNav(page).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
  for (const link of await links.all()) {
    await expect(link).toBeInViewport();
    // Big enough for a thumb: WCAG's 44 CSS px target size.
    const box = await link.boundingBox();
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  await expect(page.getByRole('status')).toHaveText('Online');
});

test('the navigation reaches every area, and Back returns', async ({ page }) => {
  await open(page, '/');
  for (const section of [...SECTIONS.slice(1), SECTIONS[0]]) {
    await press(mainNav(page).getByRole('link', { name: section.label }));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.title);
    // Focus moves to the new page's heading, so a screen reader reads it.
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page).toHaveURL(section.path);
    await expect(page).toHaveTitle(`${section.title} · Kith`);
    await expect(mainNav(page).locator('[aria-current=page]')).toHaveText(section.label);
    // One h1, and no heading level skipped below it.
    const levels = await headingLevels(page);
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    levels.slice(1).forEach((l, i) => expect(l - levels[i]).toBeLessThanOrEqual(1));
  }
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('the indicator flips when the network drops and comes back', async ({ page, context }) => {
  await open(page, '/');
  const status = page.getByRole('status');
  await expect(status).toHaveText('Online');

  await context.setOffline(true);
  await expect(status).toHaveText('Offline · saved on this device');
  // The app keeps working: moving between areas needs no network.
  await press(mainNav(page).getByRole('link', { name: 'People' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('People, groups and places');
  await expect(status).toContainText('Offline');

  await context.setOffline(false);
  await expect(status).toHaveText('Online');
});

test('the keyboard alone reaches everything', async ({ page }) => {
  await open(page, '/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  // Then the navigation, in order; Enter opens an area.
  for (const label of ['Home', 'Map', 'People', 'Log']) {
    await page.keyboard.press('Tab');
    await expect(mainNav(page).getByRole('link', { name: label })).toBeFocused();
  }
  await page.keyboard.press('Enter');
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText('Activity log');

  // Focus is on the new page's heading: the next Tab is the page's first
  // link, not the navigation again.
  await expect(h1).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Record hours' })).toBeFocused();

  // Back past the whole navigation (the heading is no Tab stop) to the
  // skip link, which takes focus past the navigation to the page itself.
  for (let i = 0; i <= SECTIONS.length; i++) await page.keyboard.press('Shift+Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(h1).toHaveText('Activity log');
});

test('a deep link or a reload opens the same area; an unknown address offers a way back', async ({ page }) => {
  await open(page, '/sync');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sync');
  await expect(mainNav(page).locator('[aria-current=page]')).toHaveText('Sync');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sync');

  await open(page, '/no-such-place');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await press(page.getByRole('link', { name: 'Go to the skills map' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skills map');
});

test('nothing is fetched from outside the app’s own origin', async ({ page, requests, server }) => {
  for (const section of SECTIONS) await open(page, section.path);
  // Wait for the icons, which load after the first paint.
  await page.waitForLoadState('networkidle');
  const foreign = requests.filter((u) => !u.startsWith(`${server.url}/`) && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
  expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(requests.some((u) => u.endsWith('/icons/kith-icons.svg'))).toBe(true);
});

test('every area has no serious accessibility problem (axe-core)', async ({ page }) => {
  for (const section of SECTIONS) {
    await open(page, section.path);
    expect(await seriousA11yViolations(page), section.label).toEqual([]);
  }
  await context_offline_check(page);
});

async function context_offline_check(page) {
  // The offline indicator's colours must pass contrast too.
  await page.context().setOffline(true);
  await expect(page.getByRole('status')).toContainText('Offline');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.context().setOffline(false);
}

// Zoom makes the CSS viewport smaller: a 360 px phone at 200% lays out in
// 180 px, a 1280 px screen at 400% in 320 px (WCAG's reflow test).
const ZOOMED = {
  phone: { what: 'a 360 px phone at 200% zoom', viewport: { width: 180, height: 370 } },
  desktop: { what: 'a 1280 px screen at 400% zoom', viewport: { width: 320, height: 200 } },
};

test('zoomed in, every area reads without scrolling sideways or hidden text', async ({ page }) => {
  const { viewport } = ZOOMED[test.info().project.name];
  await page.setViewportSize(viewport);
  for (const section of SECTIONS) {
    await open(page, section.path);
    const layout = await page.evaluate(() => {
      const root = document.documentElement;
      const clipped = [...document.querySelectorAll('nav a, h1, h2, p, [role=status]')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent.trim());
      document.querySelector('h1').scrollIntoView({ block: 'center' });
      const h1 = document.querySelector('h1').getBoundingClientRect();
      const atH1 = document.elementFromPoint(h1.left + 2, h1.top + h1.height / 2);
      return {
        sideways: root.scrollWidth > root.clientWidth,
        clipped,
        headingCovered: !document.querySelector('h1').contains(atH1),
      };
    });
    expect(layout, section.label).toEqual({ sideways: false, clipped: [], headingCovered: false });
    for (const link of await mainNav(page).getByRole('link').all()) {
      const box = await link.boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    }
  }
});
