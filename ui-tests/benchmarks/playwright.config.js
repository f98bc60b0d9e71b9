// Playwright settings of the Studio panels benchmark. `make test` does not run it, because the
// UI tests' configuration only looks in ui-tests/tests. Run it with
//   cd ui-tests && npx playwright test --config benchmarks/playwright.config.js
// It extends the UI tests' configuration, so it drives the same Debian Chromium and never
// downloads a browser.
const path = require('path');

// The UI tests' teardown stops the endpoints of the UI tests' home, which the benchmark must
// leave alone, so the benchmark runs without it.
const { globalTeardown, ...uiTestsConfig } = require('../playwright.config.js');

const outDir = process.env.CHURN_STUDIO_UI_TESTS_OUT || path.join(__dirname, '..');
const port = process.env.CHURN_STUDIO_UI_TESTS_PORT || '8878';
const python = process.env.PYTHON || 'python';

module.exports = {
  ...uiTestsConfig,
  testDir: __dirname,
  testMatch: '*.bench.ts',
  outputDir: path.join(outDir, 'benchmark-results'),
  reporter: [['list']],
  retries: 0,
  // Five repetitions of three measurements on a loaded 2-core machine take minutes.
  timeout: 15 * 60 * 1000,
  use: {
    ...uiTestsConfig.use,
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    trace: 'off'
  },
  webServer: {
    ...uiTestsConfig.webServer,
    command: `${python} start_bench_lab.py`,
    cwd: __dirname,
    env: { ...process.env, CHURN_STUDIO_UI_TESTS_PORT: port },
    url: `http://127.0.0.1:${port}/lab`,
    // Building the 100,000-component store takes 2-4 minutes. bench/.cache keeps it until the
    // store's schema changes, and later runs copy it.
    timeout: 10 * 60 * 1000
  }
};
