import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

import { UI_HOME } from './uiHome';

// start_lab.py creates this studio home before JupyterLab starts, and seed_studio.py adds the
// experiment.
const STUDIO_HOME = path.join(UI_HOME, 'studio');
const PANEL_ID = 'churn-studio-experiments';
const FRONTEND_VERSION: string = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf-8')
).version;

test.describe('Experiments panel', () => {
  test('lists the seeded experiment', async ({ page }, testInfo) => {
    await page.sidebar.openTab(PANEL_ID);
    const panel = page.locator(`#${PANEL_ID}`);
    await expect(panel).toBeVisible();

    await expect(panel.locator('.jp-ChurnStudio-backend')).toHaveText(
      `Backend: local (${STUDIO_HOME})`
    );

    const experiment = panel.locator('[data-experiment-name="galata-churn"]');
    await expect(experiment.locator('.jp-ChurnStudio-experimentDisplayName')).toHaveText(
      'Galata-churn'
    );
    await expect(experiment.locator('.jp-ChurnStudio-experimentName')).toHaveText('galata-churn');
    await expect(experiment.locator('.jp-ChurnStudio-trialCount')).toHaveText('0 trials');
    await expect(panel.locator('[role="alert"]')).toHaveCount(0);

    const screenshot = await panel.screenshot({ path: testInfo.outputPath('experiments-panel.png') });
    await testInfo.attach('experiments-panel', { body: screenshot, contentType: 'image/png' });
  });

  test('opens from its command', async ({ page }) => {
    await page.evaluate(async () => {
      await window.jupyterapp.commands.execute('churn-studio:open-experiments');
    });

    await expect(page.locator(`#${PANEL_ID}`)).toBeVisible();
    await expect(
      page.locator(`#${PANEL_ID} [data-experiment-name="galata-churn"]`)
    ).toBeVisible();
  });

  test('explains a missing server extension', async ({ page }) => {
    await page.route(/\/churn-studio\/api\/status/, route =>
      route.fulfill({ status: 404, contentType: 'text/html', body: '<html>404: Not Found</html>' })
    );

    await page.evaluate(async () => {
      await window.jupyterapp.commands.execute('churn-studio:open-experiments');
      await window.jupyterapp.commands.execute('churn-studio:refresh-experiments');
    });

    const alert = page.locator(`#${PANEL_ID} [role="alert"]`);
    await expect(alert).toContainText(
      'The churn_studio_ext server extension is not running. Run `jupyter server extension enable churn_studio_ext` and restart JupyterLab.'
    );
    await expect(page.locator(`#${PANEL_ID} .jp-ChurnStudio-experimentList`)).toHaveCount(0);
  });

  test('explains a version mismatch', async ({ page }) => {
    await page.route(/\/churn-studio\/api\/status/, route =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ backend: 'local', version: '0.0.1', home: STUDIO_HOME, region: 'local' })
      })
    );

    await page.evaluate(async () => {
      await window.jupyterapp.commands.execute('churn-studio:open-experiments');
      await window.jupyterapp.commands.execute('churn-studio:refresh-experiments');
    });

    const alert = page.locator(`#${PANEL_ID} [role="alert"]`);
    await expect(alert).toContainText('server extension is version 0.0.1');
    await expect(alert).toContainText(`pip install churn_studio_ext==${FRONTEND_VERSION}`);
  });

  test('expands the tree to a trial component', async ({ page }, testInfo) => {
    await page.sidebar.openTab(PANEL_ID);
    const panel = page.locator(`#${PANEL_ID}`);

    const experiment = panel.locator('[data-experiment-name="churn-tour"]');
    await expect(experiment.locator('.jp-ChurnStudio-trialCount')).toHaveText('3 trials');
    await experiment.locator('.jp-ChurnStudio-treeCaret').click();

    const trial = panel.locator('[data-trial-name="churn-tour-mcw-4"]');
    await expect(trial).toHaveAttribute('aria-level', '2');
    await trial.locator('.jp-ChurnStudio-treeCaret').click();

    const component = panel.locator('[data-trial-component-name="churn-tour-xgboost-mcw-4"]');
    await expect(component).toHaveAttribute('aria-level', '3');
    await expect(component.locator('.jp-ChurnStudio-nodeDisplayName')).toHaveText('Training-mcw-4');
    await expect(component.locator('.jp-ChurnStudio-treeStatus')).toHaveText('Completed');

    await component.click();
    await expect(component).toHaveAttribute('aria-selected', 'true');
    await panel.screenshot({ path: testInfo.outputPath('experiments-tree.png') });
  });

  test('lists unassigned trial components', async ({ page }) => {
    await page.sidebar.openTab(PANEL_ID);
    const panel = page.locator(`#${PANEL_ID}`);

    await panel.locator('[data-node-kind="unassigned"] .jp-ChurnStudio-treeCaret').click();

    await expect(
      panel.locator('[data-trial-component-name="churn-tour-preprocessing"] .jp-ChurnStudio-nodeDisplayName')
    ).toHaveText('Preprocessing');
  });

  test('searches experiments on the server', async ({ page }) => {
    await page.sidebar.openTab(PANEL_ID);
    const panel = page.locator(`#${PANEL_ID}`);
    await expect(panel.locator('[data-experiment-name="churn-tour"]')).toBeVisible();

    await panel.locator('.jp-ChurnStudio-search input').fill('galata');

    await expect(panel.locator('[data-experiment-name="churn-tour"]')).toHaveCount(0);
    await expect(panel.locator('[data-experiment-name="galata-churn"]')).toBeVisible();
  });
});
