// The starter list of skill terms can be edited, and the picker follows it.
import { test, expect, open, press, seriousA11yViolations } from './fixtures.mjs';

test('an edited skill list is tidied, kept, offered when adding gifts, and can be reset', async ({ page }) => {
  await open(page, '/settings');
  const list = page.getByLabel('Skills offered when adding gifts, one a line');
  await expect(list).toHaveValue(/^baking\nbefriending\n/);
  await list.fill('Beekeeping\n  baking \n\nBaking');
  await press(page.getByRole('button', { name: 'Save the list' }));
  await expect(page.getByText('Saved: 2 skill terms.')).toBeVisible();
  await expect(list).toHaveValue('baking\nbeekeeping');
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.goto('/groups/new');
  const offered = () => page.locator('#skill-terms option').evaluateAll((os) => os.map((o) => o.value));
  await expect.poll(offered).toEqual(['baking', 'beekeeping']);

  await open(page, '/settings');
  await expect(list).toHaveValue('baking\nbeekeeping');
  await press(page.getByRole('button', { name: "Use Kith's list" }));
  await expect(page.getByText("Back to the 67 terms Kith comes with.")).toBeVisible();
  await page.goto('/groups/new');
  await expect.poll(async () => (await offered()).length).toBe(67);
});
