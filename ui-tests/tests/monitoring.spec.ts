import { expect, galata, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

import { UI_HOME } from './uiHome';

/**
 * The names that seed_monitoring.py wrote: an endpoint of the tour's best model that captured
 * 120 rows with `Day Mins` tripled, a baseline job and an hourly schedule on it.
 */
interface IMonitoringFacts {
  endpointName: string;
  scheduleName: string;
  baselineJobName: string;
  baselineDatasetUri: string;
  baselineStatisticsUri: string;
  trainingTrialComponentName: string;
  driftedFeature: string;
  trafficRows: number;
}

const FACTS: IMonitoringFacts = JSON.parse(fs.readFileSync(path.join(UI_HOME, 'monitoring.json'), 'utf-8'));
const PANEL = `#churn-studio-endpoint-${FACTS.endpointName}`;
const MONITORING = `${PANEL} .jp-ChurnStudio-monitoring`;

async function openMonitoringTab(page: IJupyterLabPageFixture): Promise<void> {
  await page.evaluate(async name => {
    await window.jupyterapp.commands.execute('churn-studio:open-endpoint-details', { name });
  }, FACTS.endpointName);
  await page.locator(`${PANEL} [role="tab"]`, { hasText: 'Monitoring' }).click();
  await expect(page.locator(`${MONITORING} tr[data-schedule-name="${FACTS.scheduleName}"]`)).toBeVisible();
}

test.describe('Endpoint monitoring', () => {
  // Galata keeps settings in the page, so this shorter check interval touches no settings file.
  // Checking every 2 s lets the issue notification appear within the test's timeout.
  test.use({
    mockSettings: { ...galata.DEFAULT_SETTINGS, 'churn-studio-ext:plugin': { monitoringRefreshInterval: 2 } }
  });

  // The seeded endpoint's model server outlives the lab unless the endpoint is deleted, and
  // SageMaker deletes a schedule before its endpoint, so both go in that order.
  test.afterAll(async ({ playwright }) => {
    const port = process.env.CHURN_STUDIO_UI_TESTS_PORT || '8877';
    const api = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${port}/churn-studio/api/` });
    const schedule = await api.delete(`monitoring-schedules/${FACTS.scheduleName}`);
    const endpoint = await api.delete(`endpoints/${FACTS.endpointName}`);
    await api.dispose();
    expect(schedule.ok(), `DELETE schedule ${FACTS.scheduleName}: ${schedule.status()}`).toBe(true);
    expect(endpoint.ok(), `DELETE endpoint ${FACTS.endpointName}: ${endpoint.status()}`).toBe(true);
  });

  test('run now reports violations', async ({ page }, testInfo) => {
    await openMonitoringTab(page);

    const scheduleRow = page.locator(`${MONITORING} tr[data-schedule-name="${FACTS.scheduleName}"]`);
    await expect(scheduleRow).toContainText('Hourly');
    await expect(scheduleRow).toContainText(FACTS.baselineJobName);
    // The Actions column keeps its buttons on one line.
    const actionTops = await scheduleRow
      .locator('.jp-ChurnStudio-scheduleActionButtons button')
      .evaluateAll(buttons => buttons.map(button => Math.round(button.getBoundingClientRect().top)));
    expect(actionTops).toHaveLength(3);
    expect(new Set(actionTops).size).toBe(1);

    const history = page.locator(`${MONITORING} .jp-ChurnStudio-jobHistory tbody tr`);
    const before = await history.count();
    await scheduleRow.getByRole('button', { name: 'Run now' }).click();

    // Run now selects the new execution, which is pending or in progress at first.
    await expect(history).toHaveCount(before + 1);
    const newest = history.first();
    await expect(newest).toHaveClass(/jp-mod-selected/);
    await expect(newest.locator('td').nth(2)).toHaveText(FACTS.scheduleName);

    // The local analyzer reads 120 captured rows in a few seconds.
    const status = newest.locator('.jp-ChurnStudio-monitoringStatus');
    await expect(status).toHaveText('Issue found', { timeout: 60000 });
    await expect(status).toHaveAttribute('data-tone', 'issue');
    await expect(newest.locator('td').nth(1)).toHaveText(/^model-monitoring-/);
    await expect(scheduleRow.locator('.jp-ChurnStudio-monitoringStatus').nth(1)).toHaveText('Issue found');
    await page.screenshot({ path: testInfo.outputPath('monitoring-history-light.png') });

    // The notification names the count from the exit message, e.g. 62 violations.
    await expect(
      page.getByText(new RegExp(`Model Monitor found \\d+ issues at endpoint ${FACTS.endpointName} \\(${FACTS.scheduleName}\\)`))
    ).toBeVisible({ timeout: 20000 });

    const report = page.locator(`${MONITORING} .jp-ChurnStudio-executionReport`);
    await expect(report).toContainText('CompletedWithViolations: Job completed successfully with');
    const drift = report.locator(
      `.jp-ChurnStudio-violations tr[data-feature-name="${FACTS.driftedFeature}"][data-check-type="baseline_drift_check"]`
    );
    await expect(drift).toHaveCount(1);
    await expect(drift).toContainText('Baseline drift');
    await expect(drift).toContainText(/Numerical distance: [0-9.]+ exceeds numerical threshold/);
    // The model's probability lands in the baseline's Integral `Churn` column.
    await expect(
      report.locator('.jp-ChurnStudio-violations tr[data-feature-name="Churn"][data-check-type="data_type_check"]')
    ).toContainText('Expected data type: Integral');

    await drift.getByRole('button', { name: FACTS.driftedFeature }).click();
    const chart = report.locator(`.jp-ChurnStudio-distribution[data-feature-name="${FACTS.driftedFeature}"]`);
    await expect(chart.locator('svg')).toBeVisible();
    await expect(chart.locator('[role="alert"]')).toHaveCount(0);
    await expect(report.locator('.jp-ChurnStudio-featureStatistics tr[data-statistic="present"] td')).toHaveText([
      'Present values',
      '2333',
      String(FACTS.trafficRows)
    ]);

    const links = report.locator('.jp-ChurnStudio-executionLinks');
    await expect(links).toContainText(FACTS.baselineDatasetUri);
    await expect(links).toContainText(FACTS.baselineStatisticsUri);
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('monitoring-report-light.png') });

    await page.theme.setDarkTheme();
    await expect(page.locator('body')).toHaveAttribute('data-jp-theme-light', 'false');
    // The theme's style sheet loads after the attribute changes, so wait for its colours.
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--jp-layout-color1').trim()))
      .not.toBe('white');
    await expect(chart.locator('svg')).toBeVisible();
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('monitoring-report-dark.png') });

    // The feature drop-down follows the theme and the UI font size.
    const picker = report.locator('.jp-ChurnStudio-featurePicker select');
    const pickerStyle = await picker.evaluate(select => {
      const probe = document.createElement('div');
      probe.style.background = 'var(--jp-input-background)';
      probe.style.fontSize = 'var(--jp-ui-font-size1)';
      document.body.appendChild(probe);
      const expected = getComputedStyle(probe);
      const result = {
        background: getComputedStyle(select).backgroundColor,
        expectedBackground: expected.backgroundColor,
        fontSize: getComputedStyle(select).fontSize,
        expectedFontSize: expected.fontSize
      };
      probe.remove();
      return result;
    });
    expect(pickerStyle.background).toBe(pickerStyle.expectedBackground);
    expect(pickerStyle.fontSize).toBe(pickerStyle.expectedFontSize);
    await picker.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('monitoring-feature-dark.png') });
    await newest.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('monitoring-history-dark.png') });
    await page.theme.setLightTheme();

    await links.getByRole('button', { name: FACTS.trainingTrialComponentName }).click();
    await expect(page.locator(`#churn-studio-details-${FACTS.trainingTrialComponentName}`)).toBeVisible();
  });
});
