import { defineConfig } from '@playwright/test';

// Chromium comes from the system (Debian's package here): Playwright cannot
// download its own browser on these machines. scripts/test sets CHROME_BIN.
const chromium = {
  browserName: 'chromium',
  launchOptions: {
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    args: [
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  projects: [
    {
      name: 'phone',
      use: {
        ...chromium,
        viewport: { width: 360, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
    {
      name: 'desktop',
      use: { ...chromium, viewport: { width: 1280, height: 800 } },
    },
  ],
});
