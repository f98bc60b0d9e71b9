import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

// seed_training.py runs the job galata-xgboost-mcw-2 with the tour's three Debugger rules in
// experiment galata-training before JupyterLab starts.
const COMPONENT = 'galata-xgboost-mcw-2-aws-training-job';
const DETAILS = `#churn-studio-details-${COMPONENT}`;

async function openDetails(page: IJupyterLabPageFixture): Promise<void> {
  await page.evaluate(async name => {
    await window.jupyterapp.commands.execute('churn-studio:open-trial-component-details', { name });
  }, COMPONENT);
  await expect(page.locator(`${DETAILS} .jp-ChurnStudio-detailsHeader`)).toBeVisible();
}

async function openTab(page: IJupyterLabPageFixture, name: string): Promise<void> {
  await page.locator(`${DETAILS} [role="tab"]`, { hasText: name }).click();
}

test.describe('Trial component details', () => {
  test('shows header and stage card', async ({ page }) => {
    await openDetails(page);

    const header = page.locator(`${DETAILS} .jp-ChurnStudio-detailsHeader`);
    await expect(header).toContainText('Experiment: galata-training');
    await expect(header).toContainText('Trial: galata-training-trial');
    await expect(page.locator(`${DETAILS} .jp-ChurnStudio-stageStatus`)).toHaveText('Completed');
    await expect(page.locator(`${DETAILS} .jp-ChurnStudio-debuggerVerdict`)).toHaveText(
      'Debugger status: Issues Found'
    );
    await expect(page.locator(`${DETAILS} .jp-ChurnStudio-polling`)).toHaveCount(0);
  });

  test('lists the three Debugger rules', async ({ page }, testInfo) => {
    await openDetails(page);
    await openTab(page, 'Debugger');

    const rows = page.locator(`${DETAILS} .jp-ChurnStudio-debugRules tbody tr`);
    await expect(rows).toHaveCount(3);
    await expect(rows.locator('td:first-child')).toHaveText(['LossNotDecreasing', 'Overtraining', 'Overfit']);
    await expect(page.locator(`${DETAILS} [data-rule-name="LossNotDecreasing"] .jp-ChurnStudio-ruleStatus`)).toHaveText(
      'No Issues Found'
    );
    await expect(page.locator(`${DETAILS} [data-rule-name="Overfit"] .jp-ChurnStudio-ruleStatus`)).toHaveText(
      'Issues Found'
    );
    await expect(page.locator(`${DETAILS} [data-rule-name="Overfit"] .jp-ChurnStudio-ruleDetails`)).toContainText(
      'RuleEvaluationConditionMet'
    );

    const details = page.locator(DETAILS);
    await details.screenshot({ path: testInfo.outputPath('details-debugger-light.png') });
    await page.theme.setDarkTheme();
    await expect(page.locator('body')).toHaveAttribute('data-jp-theme-light', 'false');
    await details.screenshot({ path: testInfo.outputPath('details-debugger-dark.png') });
    await page.theme.setLightTheme();
  });

  test('shows the details of one rule', async ({ page }) => {
    await openDetails(page);
    await openTab(page, 'Debugger');
    const view = page.locator(`${DETAILS} .jp-ChurnStudio-ruleDetailsView`);
    await expect(view).toHaveCount(0);

    await page.locator(`${DETAILS} [data-rule-name="Overfit"] .jp-ChurnStudio-ruleSelect`).click();

    await expect(view).toHaveAttribute('data-rule-name', 'Overfit');
    await expect(view.locator('[data-field="status"] td')).toHaveText('Issues Found');
    await expect(view.locator('.jp-ChurnStudio-ruleOutcome')).toHaveText(/^The condition of Overfit was met at step \d+\.$/);
    await expect(view.locator('.jp-ChurnStudio-ruleStatusDetails')).toContainText('RuleEvaluationConditionMet');
    await expect(view.locator('.jp-ChurnStudio-ruleJobArn')).toContainText(':processing-job/');

    await page.locator(`${DETAILS} [data-rule-name="LossNotDecreasing"] .jp-ChurnStudio-ruleSelect`).click();
    await expect(view).toHaveAttribute('data-rule-name', 'LossNotDecreasing');
    await expect(view.locator('.jp-ChurnStudio-ruleOutcome')).toHaveText(
      'Every saved step was evaluated and the condition was never met.'
    );
  });

  test('shows AWS settings and metrics', async ({ page }) => {
    await openDetails(page);

    await openTab(page, 'AWS Settings');
    const settings = page.locator(`${DETAILS} .jp-ChurnStudio-awsSettings`);
    await expect(settings.locator('[data-field="jobName"] td')).toHaveText('galata-xgboost-mcw-2');
    await expect(settings.locator('[data-field="status"] td')).toHaveText('Completed');
    await expect(settings.locator('[data-field="instanceType"] td')).toHaveText('ml.m4.xlarge');
    await expect(settings.locator('[data-field="instanceCount"] td')).toHaveText('1');

    await openTab(page, 'Metrics');
    const validation = page.locator(`${DETAILS} tr[data-metric-name="validation:error"] td`);
    await expect(validation.nth(0)).toHaveText('validation:error');
    await expect(validation.nth(6)).toHaveText('20');

    await openTab(page, 'Parameters');
    await expect(page.locator(`${DETAILS} .jp-ChurnStudio-detailsTabPanel`)).toContainText('min_child_weight');

    await openTab(page, 'Trial Mappings');
    await expect(page.locator(`${DETAILS} .jp-ChurnStudio-detailsTabPanel tbody tr td`)).toHaveText([
      'galata-training',
      'galata-training-trial'
    ]);
  });

  test('draws a chart per metric', async ({ page }, testInfo) => {
    await openDetails(page);

    const charts = page.locator(`${DETAILS} .jp-ChurnStudio-metricChart`);
    await expect(charts).toHaveCount(2);
    await expect(page.locator(`${DETAILS} [data-metric-name="validation:error"] svg .mark-line`).first()).toBeVisible();
    await page.locator(DETAILS).screenshot({ path: testInfo.outputPath('details-charts-light.png') });
  });
});
