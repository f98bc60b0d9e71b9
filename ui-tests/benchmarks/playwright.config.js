// Playwright settings of the Studio panels benchmark. `make test` does not run it, because the
// UI tests' configuration only looks in ui-tests/tests. Run it with
//   cd ui-tests && npx playwright test --config benchmarks/playwright.config.js
// Like the UI tests, it drives Debian's Chromium and never downloads a browser.
const path = require('path');

const galataConfig = require('@jupyterlab/galata/lib/playwright-config');

const outDir = process.env.CHURN_STUDIO_UI_TESTS_OUT || path.join(__dirname, '..');
const port = process.env.CHURN_STUDIO_UI_TESTS_PORT || '8878';
const python = process.env.PYTHON || 'python';

module.exports = {
  ...galataConfig,
  testDir: __dirname,
  testMatch: '*.bench.ts',
  outputDir: path.join(outDir, 'benchmark-results'),
  reporter: [['list']],
  retries: 0,
  workers: 1,
  // Five repetitions of three measurements on a loaded 2-core machine take minutes.
  timeout: 15 * 60 * 1000,
  use: {
    ...galataConfig.use,
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    trace: 'off',
    video: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  },
  webServer: {
    command: `${python} start_bench_lab.py`,
    cwd: __dirname,
    env: { ...process.env, CHURN_STUDIO_UI_TESTS_PORT: port },
    url: `http://127.0.0.1:${port}/lab`,
    // Building the 100,000-component store takes 2-4 minutes. bench/.cache keeps it until the
    // store's schema changes, and later runs copy it.
    timeout: 10 * 60 * 1000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe'
  }
};
