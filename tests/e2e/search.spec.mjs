// Finding people by what they can do, as you type.
import { test, expect, open, press, addPerson, mainNav, seriousA11yViolations } from './fixtures.mjs';

test.describe('names, skills and filters', () => {
  test.beforeEach(async ({ page }) => {
    await addPerson(page, { name: 'Amina Begum', area: 'S40 1AB', gifts: [{ skills: 'baking' }, { mode: 'Can teach', skills: 'Bengali' }] });
    await addPerson(page, { name: 'Bea Gardner', area: 'S41', gifts: [{ mode: 'Needs', skills: 'community gardening', words: 'Help with her allotment' }] });
    await addPerson(page, { name: 'Cal Green', area: 'S40', gifts: [{ skills: 'gardening, DIY' }] });
  });

  test('typing a skill narrows the list with every letter, and says why each matched', async ({ page }) => {
    await open(page, '/people');
    const search = page.getByRole('searchbox', { name: 'Search names, skills and places' });
    const results = page.getByTestId('search-results').getByRole('listitem');

    await search.pressSequentially('gar');
    await expect(page.getByTestId('search-summary')).toHaveText('2 matches');
    await expect(results).toHaveText([/^Bea Gardner/, /^Cal Green/]);
    await expect(results.first()).toContainText('needs community gardening; S41');
    await search.pressSequentially('dening');
    await expect(results).toHaveCount(2);
    await search.fill('bengali');
    await expect(results).toHaveText([/^Amina Begum.*teaches bengali; S40/]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await press(results.getByRole('link', { name: 'Amina Begum' }));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Amina Begum');
  });

  test('filters narrow by what is needed and by area', async ({ page }) => {
    await open(page, '/people');
    await page.getByText('Filters').click();
    await page.getByLabel('Gifts and needs').selectOption({ label: 'Needs' });
    const results = page.getByTestId('search-results').getByRole('listitem');
    await expect(results).toHaveText([/^Bea Gardner/]);
    await page.getByLabel('Gifts and needs').selectOption({ label: 'Any' });
    await page.getByLabel('Area or postcode district').fill('s40');
    await expect(results).toHaveText([/^Amina Begum/, /^Cal Green/]);
    await page.getByRole('searchbox').fill('zzz');
    await expect(page.getByTestId('search-summary')).toHaveText('No one matches. Try fewer letters or fewer filters.');
    // Clearing everything brings back the list.
    await page.getByRole('searchbox').fill('');
    await page.getByLabel('Area or postcode district').fill('');
    await expect(page.getByTestId('people-summary')).toHaveText('3 people');
  });
});

test.describe('what a worker types', () => {
  const searchbox = (page) => page.getByRole('searchbox', { name: 'Search names, skills and places' });
  const results = (page) => page.getByTestId('search-results').getByRole('listitem');

  test('a full postcode finds its district, and a day or part of the day who is free then, each saying why', async ({ page }) => {
    // Postcodes as residents give them; the form keeps only the district.
    await addPerson(page, { name: 'Dora Okafor', area: 'S41 2XY', gifts: [{ skills: 'dog walking', when: 'Tuesday mornings' }] });
    await addPerson(page, { name: 'Eli Marsh', area: 's41 7pg', gifts: [{ skills: 'computers', when: 'Evenings after 6' }] });
    await addPerson(page, { name: 'Wendy Hale', area: 'S40 1AB', gifts: [{ skills: 'lifts', when: 'weekends' }] });
    await addPerson(page, { name: 'Mo Reid', area: 'S42', gifts: [{ skills: 'form filling', when: 'Weekday mornings' }] });
    await open(page, '/people');
    const search = searchbox(page);

    await search.fill('S41 2XY');
    await expect(page.getByTestId('search-summary')).toHaveText('2 matches');
    await expect(results(page)).toHaveText([/^Dora OkaforIn S41$/, /^Eli MarshIn S41$/]);
    await search.fill('s412xy');
    await expect(results(page)).toHaveText([/^Dora OkaforIn S41$/, /^Eli MarshIn S41$/]);

    // A day, letter by letter: "tue" already finds it, and a weekday counts.
    await search.fill('');
    await search.pressSequentially('tue');
    const tuesday = [
      /^Dora Okafor.*offers dog walking; Available on Tuesday mornings; S41$/,
      /^Mo Reid.*offers form filling; Available on Tuesday mornings; S42$/,
    ];
    await expect(results(page)).toHaveText(tuesday);
    await search.pressSequentially('sdays');
    await expect(results(page)).toHaveText(tuesday);

    await search.fill('weekend');
    await expect(results(page)).toHaveText([/^Wendy Hale.*Available at weekends; S40$/]);
    await search.fill('saturday');
    await expect(results(page)).toHaveText([/^Wendy Hale.*Available on Saturdays; S40$/]);
    await search.fill('evenings');
    await expect(results(page)).toHaveText([/^Eli Marsh.*Available in the evenings; S41$/]);
    await search.fill('morning');
    await expect(results(page)).toHaveText([
      /^Dora Okafor.*Available on Tuesday mornings/,
      /^Mo Reid.*Available on weekday mornings/,
    ]);
    // Every word still has to match.
    await search.fill('tuesday morning computers');
    await expect(page.getByTestId('search-summary')).toHaveText('No one matches. Try fewer letters or fewer filters.');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The area filter takes a full postcode too.
    await search.fill('');
    await page.getByText('Filters').click();
    await page.getByLabel('Area or postcode district').fill('S41 2XY');
    await expect(results(page)).toHaveText([/^Dora Okafor.*In S41$/, /^Eli Marsh.*In S41$/]);
  });

  test('in the sample neighbourhood a postcode finds its district and an activity its day and start', async ({ page }) => {
    await open(page, '/');
    await press(page.getByRole('button', { name: 'Try a sample neighbourhood' }));
    await expect(page.getByTestId('home-counts')).toHaveText('12 people, 2 groups and 2 places on this device.');
    await press(mainNav(page).getByRole('link', { name: 'People' }));
    const search = searchbox(page);

    await search.fill('S41 2XY');
    await expect(results(page)).toHaveText([
      'Eli MarshIn S41',
      'Fay HoltIn S41',
      'Jas SinghIn S41',
      'Newbold Library (place)In S41',
      'Walking for Health (group)In S41',
    ]);

    // Friday singing starts at 10:30: a Friday morning.
    await search.fill('friday');
    await expect(results(page)).toHaveText([
      'Friday singing (activity)offers singing; On Friday mornings; S40',
      /^Amina Begum.*Available on Friday mornings; S40$/,
      /^Jas Singh.*offers singing; Available on Fridays; S41$/,
      /^Mo Reid.*Available on Friday mornings; S40$/,
    ]);
    await search.fill('friday afternoon');
    await expect(page.getByTestId('search-summary')).toHaveText('No one matches. Try fewer letters or fewer filters.');
    await search.fill('morning sing');
    await expect(results(page)).toHaveText([/^Friday singing \(activity\)offers singing; On Friday mornings; S40$/]);
  });

  test('the languages a resident speaks are searched', async ({ page }) => {
    // Kith's form has no languages box yet; these residents were recorded
    // by an earlier Kith on this device, with the languages they speak.
    await page.goto('/icons/kith.svg');
    await page.evaluate(async () => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('kith', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('docs');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('docs', 'readwrite');
      const docs = tx.objectStore('docs');
      const stamps = { created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z' };
      docs.put({ type: 'person', name: 'Zofia Nowak', area: 'S41', languages: ['Polish', 'English'], ...stamps }, 'person:00000000-0000-4000-8000-0000000020f1');
      docs.put({ type: 'person', name: 'Amina Begum', area: 'S40', languages: ['Bengali', 'English'], ...stamps }, 'person:00000000-0000-4000-8000-00000000a313');
      await new Promise((resolve) => { tx.oncomplete = resolve; });
      db.close();
    });
    await addPerson(page, { name: 'Pol Evans', area: 'S40', gifts: [{ skills: 'welsh' }] });

    await open(page, '/people');
    const search = searchbox(page);
    await search.fill('polish');
    await expect(results(page)).toHaveText(['Zofia NowakSpeaks Polish; S41']);
    await search.fill('english');
    await expect(results(page)).toHaveText(['Amina BegumSpeaks English; S40', 'Zofia NowakSpeaks English; S41']);
    // A name is still a name: "pol" finds Pol by name and Zofia by Polish.
    await search.fill('pol');
    await expect(results(page)).toHaveText(['Pol EvansS40', 'Zofia NowakSpeaks Polish; S41']);
    await search.fill('bengali s40 1ab');
    await expect(results(page)).toHaveText(['Amina BegumSpeaks Bengali; In S40']);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
