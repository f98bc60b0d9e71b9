import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

// seed_training.py runs two jobs that differ in min_child_weight (2 and 10).
const NAMES = ['galata-xgboost-mcw-2-aws-training-job', 'galata-xgboost-mcw-10-aws-training-job'];
const CHART = '.jp-ChurnStudio-chartPanel';

async function addChart(page: IJupyterLabPageFixture): Promise<void> {
  await page.evaluate(async names => {
    await window.jupyterapp.commands.execute('churn-studio:add-chart', { names });
  }, NAMES);
  await expect(page.locator(`${CHART} .jp-ChurnStudio-chartCanvas svg`)).toBeVisible();
}

test.describe('Chart', () => {
  test('draws the tour scatter plot', async ({ page }, testInfo) => {
    await addChart(page);

    await expect(page.locator('#churn-chart-x')).toHaveValue('min_child_weight');
    await expect(page.locator('#churn-chart-y')).toHaveValue('validation:error_last');
    await expect(page.locator('#churn-chart-color')).toHaveValue('trialComponentName');
    const svg = page.locator(`${CHART} .jp-ChurnStudio-chartCanvas svg`);
    await expect(svg.locator('.role-title-text')).toHaveText('validation:error_last v/s min_child_weight');
    await expect(svg.locator('.mark-symbol.role-mark path')).toHaveCount(2);

    const chart = page.locator(CHART);
    await chart.screenshot({ path: testInfo.outputPath('chart-scatter-light.png') });
    await page.theme.setDarkTheme();
    await expect(page.locator('body')).toHaveAttribute('data-jp-theme-light', 'false');
    await chart.screenshot({ path: testInfo.outputPath('chart-scatter-dark.png') });
    await page.theme.setLightTheme();
  });

  test('switches to a time series', async ({ page }, testInfo) => {
    await addChart(page);

    await page.locator('#churn-chart-data-type').selectOption('timeSeries');

    const svg = page.locator(`${CHART} .jp-ChurnStudio-chartCanvas svg`);
    await expect(svg.locator('.role-title-text')).toHaveText('validation:error v/s step');
    await expect(svg.locator('.mark-area.role-mark path')).toHaveCount(2);
    await expect(page.locator('#churn-chart-x')).toBeDisabled();
    await page.locator(CHART).screenshot({ path: testInfo.outputPath('chart-time-series-light.png') });
  });

  test('exports SVG and PNG', async ({ page }) => {
    await addChart(page);

    const svgDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export SVG' }).click();
    expect((await svgDownload).suggestedFilename()).toBe('validation_error_last_v_s_min_child_weight.svg');

    const pngDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PNG' }).click();
    expect((await pngDownload).suggestedFilename()).toBe('validation_error_last_v_s_min_child_weight.png');
  });
});
