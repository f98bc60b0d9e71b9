import * as fs from 'fs';
import * as path from 'path';

import { UI_HOME } from './uiHome';

import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

// seed_tour.py writes what `churn-studio tour` produced to tour.json. The names change every run.
interface TourFacts {
  experimentName: string;
  best: { trialComponentName: string };
}

const TOUR: TourFacts = JSON.parse(fs.readFileSync(path.join(UI_HOME, 'tour.json'), 'utf-8'));

const EXPERIMENTS_PANEL = 'churn-studio-experiments';
const ENDPOINTS_PANEL = 'churn-studio-endpoints';
const LIST = '.jp-ChurnStudio-trialComponents';
// Unique per run, so a left-over endpoint of an aborted run cannot collide with the name.
const ENDPOINT_NAME = `galata-best-${Date.now()}`;
// Creating takes a few seconds locally: the model server loads the booster, then records itself.
const IN_SERVICE_TIMEOUT_MS = 60_000;

async function deleteEndpointQuietly(page: IJupyterLabPageFixture, name: string): Promise<void> {
  await page.evaluate(async endpointName => {
    const settings = window.jupyterapp.serviceManager.serverSettings;
    await fetch(`${settings.baseUrl}churn-studio/api/endpoints/${encodeURIComponent(endpointName)}`, {
      method: 'DELETE',
      headers: { Authorization: `token ${settings.token}` }
    });
  }, name);
}

test.describe('Endpoints', () => {
  test.afterEach(async ({ page }) => {
    // The test deletes the endpoint itself, so this only cleans up after a failure midway.
    const row = page.locator(`#${ENDPOINTS_PANEL} [data-endpoint-name="${ENDPOINT_NAME}"]`);
    if ((await row.count()) > 0) {
      await deleteEndpointQuietly(page, ENDPOINT_NAME).catch(() => undefined);
    }
  });

  test('deploys and invokes best component', async ({ page }, testInfo) => {
    // The experiment's trial components, as the tour opens them.
    await page.sidebar.openTab(EXPERIMENTS_PANEL);
    await page.locator(`#${EXPERIMENTS_PANEL} [data-experiment-name="${TOUR.experimentName}"]`).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Open in trial component list' }).click();
    const best = page.locator(`${LIST} .jp-ChurnStudio-tcRow[data-trial-component-name="${TOUR.best.trialComponentName}"]`);
    await expect(best).toBeVisible();

    // Right-click the best trial component, Deploy model, type a name.
    await best.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Deploy model' }).click();
    const dialog = page.locator('.jp-Dialog');
    const nameInput = dialog.locator('.jp-ChurnStudio-endpointNameInput');
    const ok = dialog.locator('.jp-Dialog-button.jp-mod-accept');
    await expect(nameInput).toBeVisible();
    await expect(ok).toBeEnabled();

    await nameInput.fill('bad_name');
    await expect(dialog.locator('#jp-ChurnStudio-endpointNameMessage')).toHaveText(
      '"_" is an invalid character. Use letters, digits and hyphens.'
    );
    await expect(ok).toBeDisabled();

    await nameInput.fill(ENDPOINT_NAME);
    await expect(dialog.locator('.jp-ChurnStudio-instanceType')).toHaveValue('ml.m5.xlarge');
    await expect(ok).toBeEnabled();
    await dialog.screenshot({ path: testInfo.outputPath('deploy-dialog-light.png') });
    await ok.click();
    await expect(dialog).toHaveCount(0);

    // The Endpoints sidebar follows the endpoint from Creating to InService.
    await page.sidebar.openTab(ENDPOINTS_PANEL);
    const row = page.locator(`#${ENDPOINTS_PANEL} .jp-ChurnStudio-endpointRow[data-endpoint-name="${ENDPOINT_NAME}"]`);
    await expect(row).toBeVisible();
    await expect(row.locator('.jp-ChurnStudio-endpointStatus')).toHaveText('InService', {
      timeout: IN_SERVICE_TIMEOUT_MS
    });
    await expect(row).toContainText(TOUR.best.trialComponentName);
    // The deploy notification ends on the same status.
    await expect(page.getByText(`Endpoint ${ENDPOINT_NAME} is InService.`).first()).toBeVisible({
      timeout: IN_SERVICE_TIMEOUT_MS
    });

    const sidebar = page.locator(`#${ENDPOINTS_PANEL}`);
    const sidebarLight = await sidebar.screenshot();
    await testInfo.attach('endpoints-sidebar-light', { body: sidebarLight, contentType: 'image/png' });

    // A click only selects, and Enter on the focused row opens the details.
    await row.locator('.jp-ChurnStudio-endpointName').click();
    await expect(row).toHaveAttribute('aria-selected', 'true');
    const details = page.locator(`#churn-studio-endpoint-${ENDPOINT_NAME}`);
    await expect(details).toHaveCount(0);
    await expect(row.locator('.jp-ChurnStudio-openEndpoint')).toBeVisible();
    await expect(row).toBeFocused();
    await page.keyboard.press('Enter');

    // Details: settings, then the invoke form pre-filled with a validation row. The title keeps
    // the name's case.
    await expect(details.locator('.jp-ChurnStudio-endpointHeader .jp-ChurnStudio-title')).toHaveCSS(
      'text-transform',
      'none'
    );
    await expect(details.locator('.jp-ChurnStudio-sourceTrialLink')).toHaveText(TOUR.best.trialComponentName);
    await expect(details.locator('.jp-ChurnStudio-variantsTable')).toContainText('ml.m5.xlarge');
    await testInfo.attach('endpoint-settings-light', { body: await details.screenshot(), contentType: 'image/png' });

    await details.locator('[role="tab"]', { hasText: 'Test inference' }).click();
    const body = details.locator('.jp-ChurnStudio-invokeBody');
    await expect(body).not.toHaveValue('');
    // The tour's features: 69 values once the label is dropped.
    expect((await body.inputValue()).split(',')).toHaveLength(69);
    // Loading the sample again leaves the body as it was, and the form confirms the load.
    await details.locator('.jp-ChurnStudio-loadSample').click();
    await expect(details.locator('.jp-ChurnStudio-sampleStatus')).toContainText('The request body already contained it.');
    await details.locator('.jp-ChurnStudio-invokeButton').click();
    const response = details.locator('.jp-ChurnStudio-invokeResponse');
    await expect(response).toHaveText(/^\d/);
    const probability = Number(await response.textContent());
    expect(probability).toBeGreaterThan(0);
    expect(probability).toBeLessThan(1);
    await expect(details.locator('.jp-ChurnStudio-invokeLatency')).toContainText('ms');

    const detailsLight = await details.screenshot();
    await testInfo.attach('endpoint-details-light', { body: detailsLight, contentType: 'image/png' });
    await page.theme.setDarkTheme();
    await expect(page.locator('body')).toHaveAttribute('data-jp-theme-light', 'false');
    await testInfo.attach('endpoint-details-dark', { body: await details.screenshot(), contentType: 'image/png' });
    await testInfo.attach('endpoints-sidebar-dark', { body: await sidebar.screenshot(), contentType: 'image/png' });
    await page.theme.setLightTheme();

    // Delete from the sidebar's context menu, with its confirmation.
    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete Endpoint' }).click();
    await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-warn').click();
    await expect(row).toHaveCount(0);
  });
});
