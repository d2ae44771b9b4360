// The map, used as a person would: with no signal, by touch, mouse and
// keyboard; private addresses never drawn precisely; consent respected;
// street-map tiles only when chosen.
import { test, expect, open, press, mainNav, addPerson, seriousA11yViolations } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });
const map = (page) => page.getByTestId('map');
const point = (page, name) => map(page).getByRole('button', { name, exact: true });

async function loadSample(page) {
  await open(page, '/');
  await press(page.getByRole('button', { name: 'Try a sample neighbourhood' }));
  await expect(page.getByTestId('sample-banner')).toBeVisible();
}

async function centre(locator) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/// Every sample point is drawn inside the map's frame.
async function expectAllInside(page) {
  const frame = await map(page).boundingBox();
  for (const name of SAMPLE_POINTS) {
    const c = await centre(point(page, name).locator('.mark'));
    expect(c.x).toBeGreaterThan(frame.x);
    expect(c.x).toBeLessThan(frame.x + frame.width);
    expect(c.y).toBeGreaterThan(frame.y);
    expect(c.y).toBeLessThan(frame.y + frame.height);
  }
}

const SAMPLE_POINTS = [
  'Newbold Library (place)',
  'S40: 5 people, 1 group',
  'S41: 3 people, 1 group',
  'S42: 3 people',
  'S43: 1 person',
  "St Mary's Hall (place): 1 activity",
];

test('with no signal, the sample is drawn: public places where they are, people by their area', async ({ page, context, requests, server }) => {
  await loadSample(page);
  await context.setOffline(true);
  await press(mainNav(page).getByRole('link', { name: 'Map' }));
  await expect(heading(page)).toHaveText('Map');
  await expect(page).toHaveTitle('Map · Kith');

  // The picture and the list say the same.
  await expect(page.getByTestId('pin-list').getByRole('listitem')).toHaveText(SAMPLE_POINTS);
  for (const name of SAMPLE_POINTS) await expect(point(page, name)).toBeInViewport();
  await expect(page.getByTestId('unplaced')).toHaveCount(0);
  await expectAllInside(page);
  // No names of people on the picture itself: only counts and areas.
  await expect(map(page)).not.toContainText('Amina');
  await expect(page.getByTestId('map-scale')).toHaveText(/^\d+ (m|km)$/);

  // A tap on an area shows who is there, one tap from their page.
  await press(point(page, 'S40: 5 people, 1 group'));
  const chosen = page.getByTestId('map-selected');
  await expect(chosen.getByRole('heading')).toHaveText('S40: 5 people, 1 group');
  await expect(chosen.getByRole('listitem')).toHaveText([
    'Amina Begumperson',
    'Bea Gardnerperson',
    'Cal Greenperson',
    'Gus Ivesperson',
    'Mo Reidperson',
    'Tuesday Choirgroup',
  ]);
  await expect(point(page, 'S40: 5 people, 1 group')).toHaveAttribute('aria-pressed', 'true');
  // Choosing a point does not move the map under the finger.
  await expectAllInside(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await press(chosen.getByRole('link', { name: 'Bea Gardner' }));
  await expect(heading(page)).toHaveText('Bea Gardner');

  // Nothing was fetched from anywhere else: the map needs no tile server.
  expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'))).toEqual([]);
});

test('the map pans by dragging and with the arrow keys, and zooms with buttons, wheel and keys', async ({ page }) => {
  await loadSample(page);
  await open(page, '/map');
  const hall = point(page, "St Mary's Hall (place): 1 activity").locator('.mark');
  await expect(hall).toBeVisible();
  const zoom = async () => Number(await map(page).getAttribute('data-zoom'));
  const before = await centre(hall);
  const startZoom = await zoom();

  // Drag with one finger (or the mouse): the point follows it.
  const frame = await map(page).boundingBox();
  const from = { x: frame.x + frame.width / 2, y: frame.y + frame.height / 2 };
  if (test.info().project.use.hasTouch) {
    // Touch drags through the DevTools protocol, as a finger would.
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, x, y) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', from.x, from.y);
    for (let i = 1; i <= 5; i++) await touch('touchMove', from.x - 8 * i, from.y + 6 * i);
    await touch('touchEnd');
  } else {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(from.x - 8 * i, from.y + 6 * i);
    await page.mouse.up();
  }
  const dragged = await centre(hall);
  expect(dragged.x).toBeCloseTo(before.x - 40, 0);
  expect(dragged.y).toBeCloseTo(before.y + 30, 0);
  // A drag is not a tap: nothing was chosen.
  await expect(page.getByTestId('map-selected')).toBeEmpty();

  // Keyboard: arrows move the map 60 px; + and - zoom.
  await map(page).focus();
  await page.keyboard.press('ArrowLeft');
  const keyed = await centre(hall);
  expect(keyed.x).toBeCloseTo(dragged.x + 60, 0);
  await page.keyboard.press('+');
  expect(await zoom()).toBe(startZoom + 1);
  await page.keyboard.press('-');
  expect(await zoom()).toBe(startZoom);

  // Buttons zoom around the middle of the map.
  const scaleBefore = await page.getByTestId('map-scale').textContent();
  await press(page.getByRole('button', { name: 'Zoom in' }));
  await press(page.getByRole('button', { name: 'Zoom in' }));
  expect(await zoom()).toBe(startZoom + 2);
  await expect(page.getByTestId('map-scale')).not.toHaveText(scaleBefore);
  await press(page.getByRole('button', { name: 'Zoom out' }));
  expect(await zoom()).toBe(startZoom + 1);

  // The wheel zooms where the pointer is: the point under it stays put.
  if (!test.info().project.use.hasTouch) {
    const under = await centre(hall);
    await page.mouse.move(under.x, under.y);
    await page.mouse.wheel(0, -300);
    await expect.poll(zoom).toBeGreaterThan(startZoom + 1);
    const after = await centre(hall);
    expect(after.x).toBeCloseTo(under.x, 0);
    expect(after.y).toBeCloseTo(under.y, 0);
  }

  // A point chosen from the list while out of sight is brought into view.
  await press(page.getByRole('button', { name: 'Zoom in' }));
  await press(page.getByTestId('pin-list').getByRole('button', { name: 'S43: 1 person' }));
  await expect(page.getByTestId('map-selected').getByRole('heading')).toHaveText('S43: 1 person');
  const frame2 = await map(page).boundingBox();
  const s43 = await centre(point(page, 'S43: 1 person').locator('.mark'));
  expect(Math.abs(s43.x - (frame2.x + frame2.width / 2))).toBeLessThan(2);
  expect(Math.abs(s43.y - (frame2.y + frame2.height / 2))).toBeLessThan(2);

  // "Show everything" brings every point back inside the map.
  await press(page.getByRole('button', { name: 'Show everything' }));
  expect(await zoom()).toBe(startZoom);
  await expectAllInside(page);
});

test('an area is put on the map by tapping it, a private place only by its area, and withdrawn consent takes a person off', async ({ page }) => {
  await addPerson(page, {
    name: 'Ola Nowak',
    area: 'S44 2AB',
    agreed: ['Keep their details in Kith', 'Show them on the community map'],
  });
  await open(page, '/map');
  // Nothing is dropped: what cannot be drawn yet is listed, with the way to fix it.
  await expect(page.getByTestId('unplaced').getByRole('listitem')).toHaveText(['S44: 1 personPut S44 on the map']);
  await press(page.getByRole('button', { name: 'Put S44 on the map' }));
  await expect(page.getByRole('heading', { name: 'Where S44 is' })).toBeVisible();

  // A typed position that is not one is refused, and nothing is saved.
  await page.getByLabel('Position', { exact: true }).fill('Chesterfield');
  await press(page.getByRole('button', { name: 'Save where S44 is' }));
  await expect(page.getByTestId('point-error')).toHaveText(/^Type the position as latitude, then longitude/);
  await expect(page.getByTestId('pin-list')).toHaveCount(0);

  // With nothing on the map yet it shows the world; zoom in a little, then tap.
  await page.getByLabel('Position', { exact: true }).fill('53.2410, -1.4100');
  await press(page.getByRole('button', { name: 'Save where S44 is' }));
  await expect(page.getByTestId('pin-list').getByRole('listitem')).toHaveText(['S44: 1 person']);
  await expect(page.getByTestId('unplaced')).toHaveCount(0);
  await expect(page.getByTestId('map-selected').getByRole('heading')).toHaveText('S44: 1 person');

  // Move it by tapping the map: the point lands where the tap was.
  await press(page.getByRole('button', { name: 'Move S44’s point' }));
  await expect(page.getByRole('heading', { name: 'Where S44 is' })).toBeFocused();
  await map(page).scrollIntoViewIfNeeded();
  const frame = await map(page).boundingBox();
  const spot = { x: frame.x + frame.width * 0.25, y: frame.y + frame.height * 0.3 };
  if (test.info().project.use.hasTouch) await page.touchscreen.tap(spot.x, spot.y);
  else await page.mouse.click(spot.x, spot.y);
  await expect(page.getByLabel('Position', { exact: true })).not.toHaveValue('53.24100, -1.41000');
  await press(page.getByRole('button', { name: 'Save where S44 is' }));
  await expect(page.getByRole('heading', { name: 'Where S44 is' })).toHaveCount(0);
  await expect
    .poll(async () => {
      // Relative to the map, which moves up the page as the form closes.
      // A point redrawn between looking and measuring has no box: look again.
      const mark = await point(page, 'S44: 1 person').locator('.mark').boundingBox();
      const now = await map(page).boundingBox();
      if (!mark || !now) return Infinity;
      const moved = { x: mark.x + mark.width / 2, y: mark.y + mark.height / 2 };
      return Math.max(Math.abs(moved.x - now.x - (spot.x - frame.x)), Math.abs(moved.y - now.y - (spot.y - frame.y)));
    })
    .toBeLessThan(2);

  // A private place with a position is drawn by its area only.
  await page.goto('/places/new');
  await page.getByLabel('Name (needed)').fill("Mo's garden");
  await page.getByLabel('Postcode').fill('S44 1AA');
  await page.getByLabel('Position on the map').fill('53.2412, -1.4123');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(heading(page)).toHaveText("Mo's garden");
  await expect(page.getByTestId('details')).toContainText(
    'Position: 53.24120, -1.41230 (the map shows it by its area only, until the community can see it)',
  );
  await open(page, '/map');
  await expect(page.getByTestId('pin-list').getByRole('listitem')).toHaveText(['S44: 1 person, 1 place']);

  // Shared with the community, it is drawn where it is.
  await page.goto('/people');
  await press(page.getByRole('link', { name: "Mo's garden" }));
  await press(page.getByRole('link', { name: "Edit Mo's garden" }));
  await press(page.getByText('The community', { exact: true }));
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('details')).toContainText('(drawn there on the map)');
  await open(page, '/map');
  await expect(page.getByTestId('pin-list').getByRole('listitem')).toHaveText(["Mo's garden (place)", 'S44: 1 person']);

  // Ola agrees to the map, then withdraws: she is taken off, and the map says so.
  for (const tick of [true, false]) {
    await page.goto('/people');
    await press(page.getByRole('link', { name: 'Ola Nowak' }));
    await press(page.getByRole('link', { name: 'Edit Ola Nowak' }));
    const box = page.getByRole('checkbox', { name: 'Show them on the community map' });
    if (tick) await box.check();
    else await box.uncheck();
    await press(page.getByRole('button', { name: 'Save' }));
    await expect(heading(page)).toHaveText('Ola Nowak');
  }
  await open(page, '/map');
  await expect(page.getByTestId('pin-list').getByRole('listitem')).toHaveText(["Mo's garden (place)"]);
  await expect(page.getByTestId('map-withdrawn')).toHaveText(
    '1 record is not on the map: they withdrew consent to being shown on it.',
  );

  // All of it is still there after a reload.
  await page.reload();
  await expect(page.getByTestId('pin-list').getByRole('listitem')).toHaveText(["Mo's garden (place)"]);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('a place takes its position from where the device is, with no signal', async ({ page, context }) => {
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 53.2401, longitude: -1.4102 });
  await open(page, '/places/new');
  await context.setOffline(true);
  await page.getByLabel('Name (needed)').fill('Community fridge');
  await press(page.getByRole('button', { name: 'Use where I am now' }));
  await expect(page.getByLabel('Position on the map')).toHaveValue('53.24010, -1.41020');
  await expect(page.getByTestId('position-status')).toHaveText('Filled in from where you are now.');
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('details')).toContainText('Position: 53.24010, -1.41020');
});

test('street-map tiles are drawn only when chosen and online, and the choice is kept', async ({ page, context }) => {
  const tiles = [];
  await context.route('https://tile.openstreetmap.org/**', (route) => {
    tiles.push(new URL(route.request().url()).pathname);
    // A 1×1 PNG stands in for the tile server, which tests cannot reach.
    return route.fulfill({
      contentType: 'image/png',
      body: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
  });
  await loadSample(page);
  await open(page, '/map');
  await expect(map(page).locator('image')).toHaveCount(0);
  expect(tiles).toEqual([]);

  const choice = page.getByRole('checkbox', { name: 'Show streets underneath (needs a signal)' });
  await choice.check();
  await expect(map(page).locator('image').first()).toBeAttached();
  const zoom = await map(page).getAttribute('data-zoom');
  await expect.poll(() => tiles.length).toBeGreaterThan(0);
  expect(tiles.every((t) => t.startsWith(`/${zoom}/`))).toBe(true);
  await expect(page.getByRole('link', { name: 'OpenStreetMap contributors' })).toBeVisible();

  // Kept on the device.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Show streets underneath (needs a signal)' })).toBeChecked();
  await expect(map(page).locator('image').first()).toBeAttached();

  // With no signal the tiles go, the points stay.
  await context.setOffline(true);
  await expect(map(page).locator('image')).toHaveCount(0);
  await expect(page.getByTestId('street-map-offline')).toBeVisible();
  for (const name of SAMPLE_POINTS) await expect(point(page, name)).toBeAttached();
});
