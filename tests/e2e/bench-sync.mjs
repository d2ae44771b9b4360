// A benchmark, not a test (scripts/bench sync runs it): PouchDB's own
// browser build in headless Chromium replicating the data the Kith round
// (tests/bench_sync.rs) put on the same PouchDB Server, so both are timed
// in the same run against the same server.
//
//   node bench-sync.mjs round             one round: PouchDB pull and push
//                                         with batch_size 100 (its default)
//                                         and 500, and a sync with nothing new
//   node bench-sync.mjs summary LOG       medians of every BENCH line in LOG
//                                         and the ratios Kith/PouchDB
//
// Reads KITH_TEST_COUCH (the server) and KITH_BENCH_COUNTS (its counter,
// tests/peers/count.cjs). The page is served from its own origin, as Kith
// is, so PouchDB pays the same CORS preflights.
import { chromium } from '@playwright/test';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { couchClient } from '../peers/couch.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const POUCHDB = path.join(HERE, '../peers/node_modules/pouchdb/dist/pouchdb.min.js');
const SOURCE = 'bench-sync-source';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function round() {
  const server = process.env.KITH_TEST_COUCH;
  const counter = process.env.KITH_BENCH_COUNTS;
  if (!server || !counter) throw new Error('KITH_TEST_COUCH and KITH_BENCH_COUNTS name the server (scripts/bench sync)');
  const couch = couchClient(server);
  // The Kith round seeds it: 40,000 records.
  const RECORDS = (await couch.dbInfo(SOURCE)).doc_count;

  const script = await fs.readFile(POUCHDB);
  const page = http.createServer((req, res) => {
    if (req.url === '/pouchdb.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>PouchDB sync benchmark</title><script src="/pouchdb.min.js"></script>');
    }
  });
  await new Promise((r) => page.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  try {
    const tab = await (await browser.newContext()).newPage();
    await tab.goto(`http://127.0.0.1:${page.address().port}/`);
    await tab.waitForFunction(() => typeof PouchDB === 'function');
    const source = `${server}/${SOURCE}`;
    for (const batch of [100, 500]) {
      const tag = `${batch}-${Date.now()}`;
      const pull = await tab.evaluate(async ({ source, tag, batch }) => {
        window.local = new PouchDB(`pouch-${tag}`);
        const start = performance.now();
        const done = await PouchDB.replicate(source, window.local, { batch_size: batch });
        return { ms: performance.now() - start, written: done.docs_written, adapter: window.local.adapter };
      }, { source, tag, batch });
      if (pull.written !== RECORDS) throw new Error(`PouchDB pulled ${pull.written} records`);
      console.log(`BENCH sync pouchdb pull, batch_size ${batch}: ${pull.ms.toFixed(0)} ms (${RECORDS} records, adapter ${pull.adapter})`);

      const targetName = `bench-sync-pouch-push-${tag}`;
      await couch.createDb(targetName);
      const target = `${server}/${targetName}`;
      const push = await tab.evaluate(async ({ target, batch }) => {
        const start = performance.now();
        const done = await PouchDB.replicate(window.local, target, { batch_size: batch });
        return { ms: performance.now() - start, written: done.docs_written };
      }, { target, batch });
      const pushed = (await couch.dbInfo(targetName)).doc_count;
      if (push.written !== RECORDS || pushed !== RECORDS) throw new Error(`PouchDB pushed ${push.written} records, ${pushed} arrived`);
      console.log(`BENCH sync pouchdb push, batch_size ${batch}: ${push.ms.toFixed(0)} ms (${RECORDS} records)`);
      await couch.deleteDb(targetName);

      if (batch === 500) {
        // Nothing new: this device is up to date with the source both ways
        // (the push's checkpoint written by one push first), then pulls and
        // pushes again with PouchDB's defaults, as Kith's sync does.
        await tab.evaluate(({ source }) => PouchDB.replicate(window.local, source, { batch_size: 500 }), { source });
        await fetch(`${counter}/reset`);
        const noop = await tab.evaluate(async ({ source }) => {
          const start = performance.now();
          const pulled = await PouchDB.replicate(source, window.local);
          const pushed = await PouchDB.replicate(window.local, source);
          return { ms: performance.now() - start, written: pulled.docs_written + pushed.docs_written };
        }, { source });
        const seen = await (await fetch(`${counter}/counts`)).json();
        if (noop.written !== 0) throw new Error(`a sync with nothing new wrote ${noop.written} records`);
        console.log(
          `BENCH sync pouchdb noop: ${noop.ms.toFixed(0)} ms, ${seen.requests} requests, ${seen.sent} bytes sent, ` +
            `${seen.received} bytes received: ${JSON.stringify(seen.log)}`,
        );
      }
      await tab.evaluate(() => window.local.destroy());
    }
  } finally {
    await browser.close();
    page.close();
  }
}

/// Medians of each measure over the rounds in `log`, then the ratios.
async function summary(log) {
  const runs = new Map();
  const extra = new Map();
  for (const line of (await fs.readFile(log, 'utf8')).split('\n')) {
    const m = /^BENCH sync (.+?): ([\d.]+) ms(.*)$/.exec(line.trim());
    if (!m) continue;
    if (!runs.has(m[1])) runs.set(m[1], []);
    runs.get(m[1]).push(Number(m[2]));
    const counted = /, (\d+) requests, (\d+) bytes sent, (\d+) bytes received/.exec(m[3]);
    if (counted) extra.set(m[1], `${counted[1]} requests, ${counted[2]} bytes sent, ${counted[3]} received`);
  }
  const medians = new Map();
  for (const [what, ms] of runs) {
    medians.set(what, median(ms));
    console.log(
      `BENCH median ${what}: ${median(ms).toFixed(0)} ms (${ms.length} runs: ${ms.map((x) => x.toFixed(0)).join(', ')})` +
        (extra.has(what) ? `; ${extra.get(what)}` : ''),
    );
  }
  for (const way of ['pull', 'push']) {
    const kith = medians.get(`kith ${way}`);
    for (const batch of [100, 500]) {
      const pouch = medians.get(`pouchdb ${way}, batch_size ${batch}`);
      if (kith && pouch) {
        console.log(
          `BENCH ratio ${way}, Kith/PouchDB (batch_size ${batch}): ${(kith / pouch).toFixed(2)} ` +
            `(Kith ${(pouch / kith).toFixed(2)}x as fast)`,
        );
      }
    }
  }
}

const [mode, arg] = process.argv.slice(2);
if (mode === 'round') await round();
else if (mode === 'summary') await summary(arg);
else throw new Error('usage: bench-sync.mjs round | summary LOG');
