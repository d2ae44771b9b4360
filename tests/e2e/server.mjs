// Serves the built app (dist/) on 127.0.0.1 the way a static host would:
// unknown paths get index.html, so deep links and reloads work.
// A child of the test run, so a test can stop it to cut the network for real.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

export const DIST = process.env.KITH_DIST
  ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

/// `compressed`: serve dir's .br and .gz twins where the browser takes
/// them, as a production host would (the benchmark makes them).
export async function startServer({ dir = DIST, port = 0, compressed = false } = {}) {
  const serve = sirv(dir, { single: true, dev: true, gzip: compressed, brotli: compressed });
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
