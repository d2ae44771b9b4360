// A benchmark, not a test (scripts/bench load runs it): how big the first
// load is, and how long until Kith's first screen is drawn, on localhost and
// on a mid-range phone over slow 3G (Chromium's own throttling, through the
// DevTools protocol). Each run is a fresh browser context: nothing cached.
import { chromium } from '@playwright/test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, DIST } from './server.mjs';

const RUNS = Number(process.env.RUNS || 3);
// Chrome DevTools' "Slow 3G" preset, and Lighthouse's mid-tier phone CPU.
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const PHONE_CPU = 4;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function sizes() {
  const files = await fs.readdir(DIST);
  for (const ext of ['_bg.wasm', '.js', '.css']) {
    const name = files.find((f) => f.endsWith(ext) && (ext !== '.js' || !f.endsWith('sw.js')));
    const body = await fs.readFile(path.join(DIST, name));
    const gz = zlib.gzipSync(body, { level: 9 }).length;
    console.log(`BENCH size ${name}: ${kb(body.length)} raw, ${kb(gz)} gzipped`);
  }
}

/// Milliseconds from navigation start until the first screen is painted
/// (the page is empty until the app draws it, so the first contentful
/// paint is the first screen), and the encoding the wasm came with.
async function firstRender(browser, url, throttle) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_CPU });
  }
  let encoding = 'none';
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) encoding = r.headers()['content-encoding'] || 'none';
  });
  await page.goto(url, { waitUntil: 'commit', timeout: 180_000 });
  await page.waitForSelector('main h1', { timeout: 180_000 });
  const painted = await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    null,
    { timeout: 180_000 },
  );
  const fcp = await painted.jsonValue();
  await context.close();
  return { fcp, encoding };
}

/// A copy of the build with a gzip and a brotli twin of every file.
async function compressedCopy() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-bench-'));
  await fs.cp(DIST, dir, { recursive: true });
  for (const name of await fs.readdir(dir, { recursive: true })) {
    const file = path.join(dir, name);
    if (!(await fs.stat(file)).isFile()) continue;
    const body = await fs.readFile(file);
    await fs.writeFile(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
    await fs.writeFile(`${file}.br`, zlib.brotliCompressSync(body));
  }
  return dir;
}

const plain = await startServer();
const packed = await startServer({ dir: await compressedCopy(), compressed: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
try {
  await sizes();
  for (const [label, server, throttle] of [
    ['localhost', plain, false],
    [`mid-range phone (CPU ${PHONE_CPU}x slower), slow 3G (2 s latency, 50 KB/s), served compressed`, packed, true],
    [`mid-range phone (CPU ${PHONE_CPU}x slower), slow 3G, served uncompressed`, plain, true],
  ]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await firstRender(browser, `${server.url}/`, throttle));
    const times = runs.map((r) => r.fcp);
    console.log(
      `BENCH first screen painted, ${label}: median ${median(times).toFixed(0)} ms ` +
        `(${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms over ${RUNS} cold loads; ` +
        `wasm encoding ${runs[0].encoding})`,
    );
  }
} finally {
  await browser.close();
  await plain.close();
  await packed.close();
}
