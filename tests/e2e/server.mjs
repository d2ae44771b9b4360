// Serves the built app (dist/) on 127.0.0.1 the way a static host should:
// unknown paths with no extension get index.html, so deep links and reloads
// work; a missing file (/kith-1a2b.js) gets 404.
// A child of the test run, so a test can stop it to cut the network for real.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

export const DIST = process.env.KITH_DIST
  ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

/// `compressed`: serve dir's .br and .gz twins where the browser takes
/// them, as a production host would (the benchmark makes them).
/// `htmlForMissingFiles`: answer a missing file with index.html too (200,
/// text/html), as some hosts do.
export async function startServer({ dir = DIST, port = 0, compressed = false, htmlForMissingFiles = false } = {}) {
  const serve = sirv(dir, {
    single: true, dev: true, gzip: compressed, brotli: compressed,
    // sirv leaves paths with an extension out of `single` unless told not to.
    ...(htmlForMissingFiles && { ignores: false }),
  });
  const server = http.createServer(serve);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
