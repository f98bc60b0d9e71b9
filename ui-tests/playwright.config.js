// Galata's Playwright settings for the UI tests, with Debian's Chromium and a local JupyterLab.
//
// Playwright must not download a browser here: the tests drive /usr/bin/chromium from Debian's
// `chromium` package. Video recording is off because it needs Playwright's own ffmpeg download.
const path = require('path');

const galataConfig = require('@jupyterlab/galata/lib/playwright-config');

// CHURN_STUDIO_UI_TESTS_OUT (with CHURN_STUDIO_UI_TESTS_HOME and CHURN_STUDIO_UI_TESTS_PORT) lets
// two runs share a checkout.
const outDir = process.env.CHURN_STUDIO_UI_TESTS_OUT || __dirname;
const port = process.env.CHURN_STUDIO_UI_TESTS_PORT || '8877';
const python = process.env.PYTHON || 'python';

module.exports = {
  ...galataConfig,
  testDir: path.join(__dirname, 'tests'),
  // Endpoints outlive JupyterLab, so the teardown stops the model servers the tests started.
  globalTeardown: path.join(__dirname, 'teardown.js'),
  outputDir: path.join(outDir, 'test-results'),
  reporter: [['list'], ['html', { open: 'never', outputFolder: path.join(outDir, 'playwright-report') }]],
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  use: {
    ...galataConfig.use,
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
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
    command: `${python} start_lab.py`,
    cwd: __dirname,
    url: `http://127.0.0.1:${port}/lab`,
    timeout: 120 * 1000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe'
  }
};
