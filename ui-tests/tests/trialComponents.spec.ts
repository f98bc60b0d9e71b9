import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as path from 'path';

import { UI_HOME } from './uiHome';

// seed_studio.py creates the experiment churn-tour with one training trial component per
// min_child_weight value. Their last validation:error is 0.074 (2), 0.063 (4) and 0.0685 (10).
const PANEL_ID = 'churn-studio-experiments';
const LIST = '.jp-ChurnStudio-trialComponents';
const LAST_ERROR_HEADING = `${LIST} .jp-ChurnStudio-tcHeadingCell[data-column-id="metric:validation:error:last"]`;

/**
 * Opens the trial component list of churn-tour from the experiment's context menu.
 */
async function openFromContextMenu(page: IJupyterLabPageFixture): Promise<void> {
  await page.sidebar.openTab(PANEL_ID);
  const experiment = page.locator(`#${PANEL_ID} [data-experiment-name="churn-tour"]`);
  await experiment.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Open in trial component list' }).click();

  await expect(page.locator(`${LIST} .jp-ChurnStudio-tcScope`)).toHaveText('Experiment churn-tour');
  await expect(page.locator(`${LIST} .jp-ChurnStudio-tcRow[data-trial-component-name]`)).toHaveCount(3);
}

function rowAt(page: IJupyterLabPageFixture, index: number) {
  // aria-rowindex counts the heading row as 1.
  return page.locator(`${LIST} .jp-ChurnStudio-tcRow[aria-rowindex="${index + 2}"]`);
}

test.describe('Trial components list', () => {
  test('opens from the experiment context menu', async ({ page }) => {
    await openFromContextMenu(page);

    await expect(page.locator(`${LIST} .jp-ChurnStudio-tcStatus`)).toContainText('3 of 3 rows loaded');
    await expect(page.locator(LAST_ERROR_HEADING)).toHaveText('validation:error_last');
    await expect(
      page.locator(`${LIST} [data-trial-component-name="churn-tour-xgboost-mcw-4"] [data-column-id="parameter:min_child_weight"]`)
    ).toHaveText('4');
  });

  test('sorts by validation:error_last on the server', async ({ page }) => {
    await openFromContextMenu(page);
    const sortRequest = page.waitForRequest(
      request =>
        request.url().includes('sort=Metrics.validation%3Aerror.Last') && request.url().includes('order=asc')
    );

    await page.locator(LAST_ERROR_HEADING).click();

    await sortRequest;
    await expect(page.locator(LAST_ERROR_HEADING)).toHaveAttribute('aria-sort', 'ascending');
    await expect(rowAt(page, 0)).toHaveAttribute('data-trial-component-name', 'churn-tour-xgboost-mcw-4');
    await expect(rowAt(page, 1)).toHaveAttribute('data-trial-component-name', 'churn-tour-xgboost-mcw-10');
    await expect(rowAt(page, 2)).toHaveAttribute('data-trial-component-name', 'churn-tour-xgboost-mcw-2');
    await expect(
      rowAt(page, 0).locator('[data-column-id="metric:validation:error:last"]')
    ).toHaveText('0.063');
  });

  test('keeps the horizontal scroll and the name in view on sort', async ({ page }, testInfo) => {
    await openFromContextMenu(page);
    const table = page.locator(`${LIST} .jp-ChurnStudio-tcTable`);

    // Scroll right until the validation:error_last heading sits just right of the pinned names.
    const before = await table.evaluate(element => {
      const heading = element.querySelector<HTMLElement>('[data-column-id="metric:validation:error:last"]')!;
      const pinned = element.querySelector<HTMLElement>('.jp-ChurnStudio-tcHeadingCell.jp-mod-pinned')!;
      element.scrollLeft = heading.offsetLeft - pinned.offsetWidth - 20;
      return element.scrollLeft;
    });
    expect(before).toBeGreaterThan(0);

    await page.locator(LAST_ERROR_HEADING).click();
    await expect(page.locator(LAST_ERROR_HEADING)).toHaveAttribute('aria-sort', 'ascending');
    await expect(rowAt(page, 0)).toHaveAttribute('data-trial-component-name', 'churn-tour-xgboost-mcw-4');

    expect(await table.evaluate(element => element.scrollLeft)).toBe(before);
    expect(await table.evaluate(element => element.scrollTop)).toBe(0);

    // The name column stays at the table's left edge, on top of the cells scrolled under it.
    const tableBox = (await table.boundingBox())!;
    const nameCell = rowAt(page, 0).locator('[data-column-id="displayName"]');
    await expect(nameCell).toHaveText('Training-mcw-4');
    const nameBox = (await nameCell.boundingBox())!;
    expect(Math.abs(nameBox.x - tableBox.x)).toBeLessThanOrEqual(1);
    const onTop = await nameCell.evaluate(cell => {
      const box = cell.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit !== null && cell.contains(hit);
    });
    expect(onTop).toBe(true);
    const background = await nameCell.evaluate(cell => getComputedStyle(cell).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');

    await page.locator(LIST).screenshot({ path: testInfo.outputPath('scrolled-right-light.png') });
    await page.theme.setDarkTheme();
    await expect(page.locator('body')).toHaveAttribute('data-jp-theme-light', 'false');
    await page.locator(LIST).screenshot({ path: testInfo.outputPath('scrolled-right-dark.png') });
    await page.theme.setLightTheme();
  });

  test('keeps the toolbar on one line with a selection', async ({ page }) => {
    await openFromContextMenu(page);
    const toolbar = page.locator(`${LIST} .jp-ChurnStudio-tcToolbar`);
    const heightBefore = (await toolbar.boundingBox())!.height;

    await rowAt(page, 0).click();
    await rowAt(page, 2).click({ modifiers: ['Shift'] });

    await expect(page.locator(`${LIST} .jp-ChurnStudio-tcSelection`)).toHaveText('3 rows selected');
    expect((await toolbar.boundingBox())!.height).toBe(heightBefore);
  });

  test('selects several rows', async ({ page }, testInfo) => {
    await openFromContextMenu(page);
    await page.locator(LAST_ERROR_HEADING).click();
    await expect(rowAt(page, 0)).toHaveAttribute('data-trial-component-name', 'churn-tour-xgboost-mcw-4');
    const selection = page.locator(`${LIST} .jp-ChurnStudio-tcSelection`);

    await rowAt(page, 0).click();
    await expect(selection).toHaveText('1 row selected');
    await rowAt(page, 2).click({ modifiers: ['ControlOrMeta'] });
    await expect(selection).toHaveText('2 rows selected');
    await rowAt(page, 1).click({ modifiers: ['Shift'] });
    await expect(selection).toHaveText('2 rows selected');
    await rowAt(page, 0).click({ modifiers: ['Shift'] });
    await expect(selection).toHaveText('3 rows selected');
    await expect(page.locator(`${LIST} .jp-ChurnStudio-tcRow[aria-selected="true"]`)).toHaveCount(3);

    // The column chooser hides the summary preset and four statistics, so the sorted metric shows
    // next to the names.
    await page.sidebar.close('left');
    await page.locator(`${LIST} .jp-ChurnStudio-toggleColumns`).click();
    await page.locator(`${LIST} .jp-ChurnStudio-columnPresets [data-column-group="summary"] input`).uncheck();
    for (const statistic of ['min', 'max', 'avg', 'stdDev', 'count']) {
      await page
        .locator(`${LIST} .jp-ChurnStudio-columnToggles [data-column-id="metric:validation:error:${statistic}"] input`)
        .uncheck();
    }
    await page.locator(`${LIST} .jp-ChurnStudio-toggleColumns`).click();
    const headings = page.locator(`${LIST} .jp-ChurnStudio-tcHeadingCell`);
    await expect(headings.first()).toHaveText('Trial component');
    await expect(headings).toHaveText([
      'Trial component',
      'validation:error_last▲',
      'max_depth',
      'min_child_weight',
      'objective'
    ]);
    await page.locator(`${LIST} .jp-ChurnStudio-tcTable`).evaluate(table => {
      table.scrollLeft = 0;
    });
    const list = page.locator(LIST);
    await list.screenshot({ path: testInfo.outputPath('trial-components-light.png') });
    await page.theme.setDarkTheme();
    await expect(page.locator('body')).toHaveAttribute('data-jp-theme-light', 'false');
    await list.screenshot({ path: testInfo.outputPath('trial-components-dark.png') });
    await page.theme.setLightTheme();
  });

  test('opens the deploy dialog for the selected component', async ({ page }) => {
    await openFromContextMenu(page);
    const deploy = page.locator(`${LIST} .jp-ChurnStudio-deployModel`);
    await expect(deploy).toBeDisabled();

    await page.locator(`${LIST} [data-trial-component-name="churn-tour-xgboost-mcw-4"]`).click();
    await expect(deploy).toBeEnabled();
    await deploy.click();

    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Trial component: churn-tour-xgboost-mcw-4');
    await expect(dialog).toContainText('s3://churn-tour/output/churn-tour-xgboost-mcw-4/model.tar.gz');
    await expect(dialog.locator('.jp-ChurnStudio-endpointNameInput')).toBeVisible();
    await dialog.locator('.jp-Dialog-button.jp-mod-reject').click();
    await expect(dialog).toHaveCount(0);
  });

  test('filters on a parameter', async ({ page }) => {
    await openFromContextMenu(page);

    await page.locator(`${LIST} .jp-ChurnStudio-toggleFilters`).click();
    await page.getByLabel('Filter property').selectOption('Parameters.min_child_weight');
    await page.getByLabel('Filter operator').selectOption('GreaterThan');
    await page.getByLabel('Filter value').fill('3');
    await page.getByRole('button', { name: 'Add filter' }).click();

    await expect(page.locator(`${LIST} .jp-ChurnStudio-tcRow[data-trial-component-name]`)).toHaveCount(2);
    await expect(page.locator(`${LIST} [data-trial-component-name="churn-tour-xgboost-mcw-2"]`)).toHaveCount(0);
  });

  test('restores sort and scope after a reload', async ({ page }) => {
    await openFromContextMenu(page);
    const saved = page.waitForRequest(
      request =>
        request.method() === 'PUT' &&
        request.url().includes('/api/workspaces') &&
        (request.postData() ?? '').includes('Metrics.validation:error.Last')
    );
    await page.locator(LAST_ERROR_HEADING).click();
    await expect(page.locator(LAST_ERROR_HEADING)).toHaveAttribute('aria-sort', 'ascending');
    await saved;

    // Galata's ready check waits for a Launcher tab, which a restored workspace does not open.
    await page.reload({ waitForIsReady: false });

    await expect(page.locator(`${LIST} .jp-ChurnStudio-tcScope`)).toHaveText('Experiment churn-tour');
    await expect(page.locator(LAST_ERROR_HEADING)).toHaveAttribute('aria-sort', 'ascending');
    await expect(rowAt(page, 0)).toHaveAttribute('data-trial-component-name', 'churn-tour-xgboost-mcw-4');
  });
});

/**
 * Tags two churn-tour components in the seeded studio through the local backend's AddTags:
 * mcw-2 gets team=churn and stage=prod, mcw-4 gets team=churn-lab. Tagging again changes nothing.
 */
function tagTourComponents(): void {
  const script = [
    'import sys',
    'from churn_studio_ext import local',
    'sagemaker = local.client("sagemaker", home=sys.argv[1])',
    'tags = {',
    '    "churn-tour-xgboost-mcw-2": [{"Key": "team", "Value": "churn"}, {"Key": "stage", "Value": "prod"}],',
    '    "churn-tour-xgboost-mcw-4": [{"Key": "team", "Value": "churn-lab"}],',
    '}',
    'for name, component_tags in tags.items():',
    '    arn = sagemaker.describe_trial_component(TrialComponentName=name)["TrialComponentArn"]',
    '    sagemaker.add_tags(ResourceArn=arn, Tags=component_tags)'
  ].join('\n');
  execFileSync(process.env.PYTHON || 'python', ['-c', script, path.join(UI_HOME, 'studio')]);
}

function listedNames(page: IJupyterLabPageFixture) {
  return page.locator(`${LIST} .jp-ChurnStudio-tcRow[data-trial-component-name]`);
}

test.describe('Trial components tags, dates and types', () => {
  test.beforeAll(() => tagTourComponents());

  test('shows a column per tag key', async ({ page }) => {
    await openFromContextMenu(page);

    const teamHeading = page.locator(`${LIST} .jp-ChurnStudio-tcHeadingCell[data-column-id="tag:team"]`);
    await expect(teamHeading).toHaveText('team');
    await expect(teamHeading).toHaveAttribute('title', /team: not sortable/);
    expect(await teamHeading.getAttribute('aria-sort')).toBeNull();
    await expect(
      page.locator(`${LIST} [data-trial-component-name="churn-tour-xgboost-mcw-4"] [data-column-id="tag:team"]`)
    ).toHaveText('churn-lab');
    await expect(
      page.locator(`${LIST} [data-trial-component-name="churn-tour-xgboost-mcw-2"] [data-column-id="tag:stage"]`)
    ).toHaveText('prod');

    await page.locator(`${LIST} .jp-ChurnStudio-toggleColumns`).click();
    await page.locator(`${LIST} .jp-ChurnStudio-columnPresets [data-column-group="tags"] input`).uncheck();
    await expect(teamHeading).toHaveCount(0);
  });

  test('filters by tag value', async ({ page }) => {
    await openFromContextMenu(page);
    const request = page.waitForRequest(request => decodeURIComponent(request.url()).includes('"Name":"Tags.team"'));

    await page.locator(`${LIST} .jp-ChurnStudio-toggleFilters`).click();
    await page.getByLabel('Tag key').fill('team');
    await page.getByLabel('Tag value contains').fill('lab');
    await page.getByRole('button', { name: 'Add tag filter' }).click();

    await request;
    await expect(listedNames(page)).toHaveCount(1);
    await expect(listedNames(page)).toHaveAttribute('data-trial-component-name', 'churn-tour-xgboost-mcw-4');
    await expect(page.locator(`${LIST} .jp-ChurnStudio-filterChip`)).toContainText('Tag team contains lab');
  });

  test('filters by creation date', async ({ page }) => {
    await openFromContextMenu(page);
    await page.locator(`${LIST} .jp-ChurnStudio-toggleFilters`).click();

    await page.getByLabel('Date field').selectOption('CreationTime');
    await page.getByLabel('Date relation').selectOption('before');
    await page.getByLabel('Date and time (UTC)').fill('2000-01-01T00:00');
    await page.getByRole('button', { name: 'Add date filter' }).click();
    await expect(page.locator(`${LIST} .jp-ChurnStudio-tcStatus`)).toContainText('0 of 0');

    await page.locator(`${LIST} .jp-ChurnStudio-filterChip button`).click();
    await page.getByLabel('Date relation').selectOption('after');
    await page.getByRole('button', { name: 'Add date filter' }).click();
    await expect(listedNames(page)).toHaveCount(3);
  });

  test('filters by type', async ({ page }) => {
    await openFromContextMenu(page);
    await page.locator(`${LIST} .jp-ChurnStudio-toggleFilters`).click();
    const typeFilter = page.getByLabel('Type filter');

    // The seeded churn-tour components were created through the API, so they have no source job.
    await typeFilter.selectOption('training');
    await expect(page.locator(`${LIST} .jp-ChurnStudio-tcStatus`)).toContainText('0 of 0');

    await typeFilter.selectOption('other');
    await expect(listedNames(page)).toHaveCount(3);
    await expect(page.locator(`${LIST} .jp-ChurnStudio-filterChip`)).toHaveCount(2);

    await typeFilter.selectOption('any');
    await expect(page.locator(`${LIST} .jp-ChurnStudio-filterChip`)).toHaveCount(0);
  });

  test('restores a tag filter after a reload', async ({ page }) => {
    await openFromContextMenu(page);
    const saved = page.waitForRequest(
      request =>
        request.method() === 'PUT' &&
        request.url().includes('/api/workspaces') &&
        (request.postData() ?? '').includes('Tags.stage')
    );
    await page.locator(`${LIST} .jp-ChurnStudio-toggleFilters`).click();
    await page.getByLabel('Tag key').fill('stage');
    await page.getByRole('button', { name: 'Add tag filter' }).click();
    await expect(listedNames(page)).toHaveCount(1);
    await saved;

    await page.reload({ waitForIsReady: false });

    await expect(page.locator(`${LIST} .jp-ChurnStudio-tcScope`)).toHaveText('Experiment churn-tour');
    await expect(listedNames(page)).toHaveCount(1);
    await expect(listedNames(page)).toHaveAttribute('data-trial-component-name', 'churn-tour-xgboost-mcw-2');
  });
});

/**
 * Records the id and args of every command that runs from now on, in `window.executedCommands`.
 */
async function recordCommands(page: IJupyterLabPageFixture): Promise<void> {
  await page.evaluate(() => {
    const executed: { id: string; args: unknown }[] = [];
    (window as unknown as { executedCommands: typeof executed }).executedCommands = executed;
    window.jupyterapp.commands.commandExecuted.connect((_, command) => {
      executed.push({ id: command.id, args: command.args });
    });
  });
}

async function executedCommands(page: IJupyterLabPageFixture, id: string): Promise<unknown[]> {
  return page.evaluate(
    commandId =>
      (window as unknown as { executedCommands: { id: string; args: unknown }[] }).executedCommands
        .filter(command => command.id === commandId)
        .map(command => command.args),
    id
  );
}

test.describe('Trial components list actions', () => {
  test('exports every row as CSV', async ({ page }) => {
    await openFromContextMenu(page);
    await page.locator(LAST_ERROR_HEADING).click();
    await expect(rowAt(page, 0)).toHaveAttribute('data-trial-component-name', 'churn-tour-xgboost-mcw-4');

    const download = page.waitForEvent('download');
    await page.locator(`${LIST} .jp-ChurnStudio-exportCsv`).click();
    const file = await download;

    expect(file.suggestedFilename()).toBe('trial-components.csv');
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    const lines = Buffer.concat(chunks).toString('utf-8').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].split(',')).toContain('validation:error_last');
    expect(lines[1]).toContain('Training-mcw-4');
    expect(lines[3]).toContain('Training-mcw-2');
  });

  test('sends the selection to Add chart', async ({ page }) => {
    await openFromContextMenu(page);
    await recordCommands(page);

    await page.locator(`${LIST} [data-trial-component-name="churn-tour-xgboost-mcw-2"]`).click();
    await page
      .locator(`${LIST} [data-trial-component-name="churn-tour-xgboost-mcw-4"]`)
      .click({ modifiers: ['ControlOrMeta'] });
    await page.locator(`${LIST} .jp-ChurnStudio-addChart`).click();

    expect(await executedCommands(page, 'churn-studio:add-chart')).toEqual([
      { names: ['churn-tour-xgboost-mcw-2', 'churn-tour-xgboost-mcw-4'] }
    ]);
  });

  test('opens a row in trial details', async ({ page }) => {
    await openFromContextMenu(page);
    await recordCommands(page);

    await page
      .locator(`${LIST} [data-trial-component-name="churn-tour-xgboost-mcw-10"]`)
      .click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Open in trial details' }).click();

    expect(await executedCommands(page, 'churn-studio:open-trial-component-details')).toEqual([
      { name: 'churn-tour-xgboost-mcw-10' }
    ]);
  });
});

test.describe('Trial components list with 100,000 rows', () => {
  const TOTAL = 100_000;

  test('renders only the rows in view', async ({ page }) => {
    // A mocked list endpoint: the cursor is the offset of the page's first row.
    const requestedCursors: string[] = [];
    await page.route(
      url => url.pathname.endsWith('/churn-studio/api/trial-components'),
      route => {
        const url = new URL(route.request().url());
        const start = Number(url.searchParams.get('cursor') ?? '0');
        const limit = Number(url.searchParams.get('limit') ?? '50');
        const end = Math.min(TOTAL, start + limit);
        requestedCursors.push(String(start));
        const items = [];
        for (let index = start; index < end; index++) {
          const name = `tc-${String(index).padStart(6, '0')}`;
          items.push({
            name,
            displayName: name,
            arn: null,
            status: 'Completed',
            statusMessage: null,
            type: 'Run',
            sourceArn: null,
            experiments: ['big'],
            trials: ['big-trial'],
            created: null,
            lastModified: null,
            startTime: null,
            endTime: null,
            parameters: { index },
            metrics: {}
          });
        }
        return route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            items,
            total: TOTAL,
            totalRelation: 'EqualTo',
            nextCursor: end < TOTAL ? String(end) : null,
            parameterNames: ['index'],
            metricNames: []
          })
        });
      }
    );

    await page.evaluate(async () => {
      await window.jupyterapp.commands.execute('churn-studio:open-trial-components', {
        scope: { experiments: ['big'], trials: [], unassigned: false }
      });
    });
    const list = page.locator(LIST);
    await expect(list.locator('.jp-ChurnStudio-tcStatus')).toContainText('of 100000 rows loaded');
    await expect(list.locator('.jp-ChurnStudio-tcRow[aria-rowindex="2"]')).toHaveAttribute(
      'data-trial-component-name',
      'tc-000000'
    );
    const renderedAtTop = await list.locator('.jp-ChurnStudio-tcRow').count();
    expect(renderedAtTop).toBeLessThan(100);

    // Row 3,000 needs the pages before it, because each page needs the previous cursor.
    await list.locator('.jp-ChurnStudio-tcTable').evaluate(table => {
      table.scrollTop = 3000 * 26;
    });

    await expect(list.locator('.jp-ChurnStudio-tcRow[aria-rowindex="3002"]')).toHaveAttribute(
      'data-trial-component-name',
      'tc-003000',
      { timeout: 30_000 }
    );
    expect(await list.locator('.jp-ChurnStudio-tcRow').count()).toBeLessThan(100);
    expect(requestedCursors.length).toBeLessThan(40);
    expect(requestedCursors[0]).toBe('0');
  });
});
