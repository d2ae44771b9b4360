// scripts/serve's sync server: PouchDB Server on 127.0.0.1:PORT with its
// files in DIR (kept across restarts), a `kith` database, and the set-up
// link that points Kith at it. Runs until SIGTERM or SIGINT.
// Usage: node serve.mjs --port 5984 --dir ~/.cache/kith/couch --app http://127.0.0.1:8080
// (`--count PORT`: count requests and bytes there, for scripts/bench sync.)
// Writes DIR/.state when done starting: "up", "busy" (the port is taken:
// nothing started) or "failed".
import { connect } from 'node:net';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCouch } from './couch.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5984' },
    dir: { type: 'string' },
    app: { type: 'string' },
    count: { type: 'string' },
  },
});
const port = Number(values.port);
const dir = path.resolve(values.dir);
const DB = 'kith';
mkdirSync(dir, { recursive: true });
const state = path.join(dir, '.state');
rmSync(state, { force: true });

function taken(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

if (await taken(port)) {
  console.error(`Port ${port} is busy: no sync server started (Kith is served all the same).`);
  writeFileSync(state, 'busy');
  process.exit(0);
}

let couch;
try {
  couch = await startCouch({ port, dir, count: values.count && Number(values.count) });
  await couch.createDb(DB);
} catch (e) {
  console.error(`The sync server did not start: ${e.message}`);
  writeFileSync(state, 'failed');
  process.exit(0);
}

const dbUrl = `${couch.url}/${DB}`;
console.error(`Sync server: ${dbUrl} (PouchDB Server; its files in ${dir})`);
if (values.app) console.error(`Set-up link: ${values.app}/#sync=${encodeURIComponent(dbUrl)}`);
writeFileSync(state, 'up');

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.once(signal, async () => {
    await couch.halt();
    process.exit(0);
  });
}
