// Playwright journeys through the customer portal in Debian's Chromium (never a downloaded browser),
// against one real `retour serve` per run (global-setup.ts). Screenshots of every step land in
// e2e/screenshots/ (git-ignored).
import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: '../.test-output/e2e-artifacts',
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON ?? '.test-output/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    locale: 'en-US',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1024, height: 900 },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
