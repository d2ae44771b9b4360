// The sync peers fixture: a page on the app's origin reaches the worker's
// PouchDB Server across origins, as the app will, with the browser
// enforcing CORS. The page is the app's icon (same origin as the app, no
// Content-Security-Policy): index.html's policy allows connections only to
// its own origin and https:, and the server here is http on another port.
import { test, expect } from './fixtures.mjs';

async function onAppOrigin(page) {
  await page.goto('/icons/kith.svg');
  return new URL(page.url()).origin;
}

test('a page of the app reads the sync server\'s welcome across origins, with credentials', async ({ page, couch }) => {
  const origin = await onAppOrigin(page);
  expect(new URL(couch.url).origin).not.toBe(origin);
  const answer = await page.evaluate(async (url) => {
    const r = await fetch(url + '/', { credentials: 'include' });
    return { status: r.status, body: await r.json() };
  }, couch.url);
  expect(answer.status).toBe(200);
  expect(answer.body['express-pouchdb']).toBe('Welcome!');
  expect(answer.body.uuid).toBe((await couch.request('GET', '/')).uuid);
  // The browser does check: a header the server does not allow is refused.
  const refused = await page.evaluate(
    (url) => fetch(url + '/', { headers: { 'x-not-allowed': '1' } }).then(() => 'answered', (e) => e.name),
    couch.url,
  );
  expect(refused).toBe('TypeError');
});

test('a write through the proxy passes its preflight and lands on the server', async ({ page, couch, couchProxy }) => {
  const db = `peers-${test.info().project.name}`;
  await couch.deleteDb(db);
  await couch.createDb(db);
  await onAppOrigin(page);
  const status = await page.evaluate(async ({ url, db }) => {
    const r = await fetch(`${url}/${db}/_bulk_docs`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ docs: [{ _id: 'person:1', name: 'Ann' }] }),
    });
    return r.status;
  }, { url: couchProxy.url, db });
  expect(status).toBe(201);
  expect(couchProxy.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    `OPTIONS /${db}/_bulk_docs 204`,
    `POST /${db}/_bulk_docs 201`,
  ]);
  expect((await couch.getDoc(db, 'person:1')).name).toBe('Ann');
});
