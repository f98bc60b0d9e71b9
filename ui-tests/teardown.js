// Playwright global teardown: stop the model servers of the endpoints in the UI-test studio home.
const { spawnSync } = require('child_process');

module.exports = async () => {
  const python = process.env.PYTHON || 'python';
  const result = spawnSync(python, ['stop_endpoints.py'], { cwd: __dirname, encoding: 'utf-8' });
  if (result.status !== 0) {
    console.error(`stop_endpoints.py failed (${result.status}): ${result.stderr || result.error}`);
  } else {
    process.stdout.write(result.stdout);
  }
};
