/**
 * @jest-environment jsdom
 */
// The view renders with react-dom into jsdom. Vega itself is replaced, since jsdom has no layout
// and vega-embed ships ES modules only. The tests check which spec reaches it.
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { act } from 'react';

import { EndpointMonitoringView } from '../monitoring/EndpointMonitoringView';
import { execution, executionDetail, QueuedMonitoringSource, schedule } from './monitoringFixtures';
import { mountRootPerTest } from './mountedRoot';

// apputils pulls in Lumino's drag and drop, which needs the DragEvent that jsdom lacks. The tests
// pass their own delete confirmation, so the dialog is never shown.
jest.mock('@jupyterlab/apputils', () => ({
  Dialog: { cancelButton: jest.fn(), warnButton: jest.fn() },
  showDialog: jest.fn(async () => ({ button: { accept: false } }))
}));
jest.mock('../chart/chartRenderer', () => ({
  renderChart: jest.fn(async () => ({ finalize: () => undefined, view: {} }))
}));

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { renderChart } = require('../chart/chartRenderer') as { renderChart: jest.Mock };

const trans = nullTranslator.load('churn_studio_ext');

async function click(element: Element | null): Promise<void> {
  expect(element).not.toBeNull();
  await act(async () => {
    (element as HTMLElement).click();
    await new Promise(resolve => setTimeout(resolve, 0));
  });
}

function sourceWithHistory(): QueuedMonitoringSource {
  const source = new QueuedMonitoringSource();
  source.schedules = [
    [
      schedule({
        lastExecution: {
          status: 'CompletedWithViolations',
          scheduledTime: '2026-12-04T10:00:00Z',
          processingJobName: 'job-10',
          failureReason: null
        }
      })
    ]
  ];
  source.executions = [
    [
      execution({
        processingJobName: 'job-9',
        creationTime: '2026-12-04T09:03:00Z',
        status: 'Failed',
        failureReason: 'Job inputs had no data',
        exitMessage: null
      }),
      execution({ processingJobName: 'job-10', creationTime: '2026-12-04T10:03:00Z' })
    ]
  ];
  source.details['job-10'] = [executionDetail({ processingJobName: 'job-10' })];
  return source;
}

describe('EndpointMonitoringView', () => {
  // `render` lets the model's fetches and the report fetch settle.
  const mounted = mountRootPerTest();
  const render = mounted.render;
  beforeEach(() => {
    renderChart.mockClear();
  });

  it('shows schedules and the job history newest first', async () => {
    await render(<EndpointMonitoringView endpointName="churn-endpoint" trans={trans} source={sourceWithHistory()} />);

    const scheduleRow = mounted.container.querySelector('tr[data-schedule-name="churn-schedule"]');
    expect(scheduleRow?.textContent).toContain('Scheduled');
    expect(scheduleRow?.textContent).toContain('Hourly');
    expect(scheduleRow?.textContent).toContain('baseline-job');
    expect(scheduleRow?.textContent).toContain('Issue found');

    const rows = Array.from(mounted.container.querySelectorAll('.jp-ChurnStudio-jobHistory tbody tr'));
    expect(rows.map(row => row.getAttribute('data-execution-key'))).toEqual(['job-10', 'job-9']);
    const [issueStatus, failedStatus] = rows.map(row => row.querySelector('.jp-ChurnStudio-monitoringStatus'));
    expect(issueStatus?.textContent).toBe('Issue found');
    expect(issueStatus?.getAttribute('data-tone')).toBe('issue');
    expect(failedStatus?.textContent).toBe('Failed');
    expect(failedStatus?.getAttribute('title')).toBe('Failure reason: Job inputs had no data');
  });

  it('opens the report of a clicked execution', async () => {
    const opened: string[] = [];
    await render(
      <EndpointMonitoringView
        endpointName="churn-endpoint"
        trans={trans}
        source={sourceWithHistory()}
        onOpenTrialComponent={name => opened.push(name)}
      />
    );

    await click(mounted.container.querySelector('tr[data-execution-key="job-10"]'));

    const report = mounted.container.querySelector('.jp-ChurnStudio-executionReport');
    expect(report?.getAttribute('data-processing-job-name')).toBe('job-10');
    const violations = Array.from(mounted.container.querySelectorAll('.jp-ChurnStudio-violations tbody tr'));
    expect(violations.map(row => row.getAttribute('data-feature-name'))).toEqual(['Churn', 'Day Mins']);
    expect(violations[1].textContent).toContain('Baseline drift');
    expect(violations[1].textContent).toContain('Numerical distance: 0.62');
    expect(report?.textContent).toContain('s3://bucket/baselining/data/training-dataset-with-header.csv');

    expect(mounted.container.querySelector('.jp-ChurnStudio-violationSummary')?.textContent).toBe(
      'Baseline drift: 1 · Data type: 1'
    );

    // The drifted feature is charted first, before the feature with a type violation.
    const select = mounted.container.querySelector('.jp-ChurnStudio-featurePicker select') as HTMLSelectElement;
    expect(select.value).toBe('Day Mins');
    expect(Array.from(select.options).map(option => option.textContent)).toEqual([
      'Day Mins (issue found)',
      'Churn (issue found)',
      'Account Length'
    ]);
    expect(renderChart).toHaveBeenCalled();
    const spec = renderChart.mock.calls[renderChart.mock.calls.length - 1][1];
    expect(spec.data.values.map((row: { side: string }) => row.side)).toEqual([
      'Baseline',
      'Baseline',
      'Current',
      'Current'
    ]);

    await click(mounted.container.querySelector('.jp-ChurnStudio-executionLinks button'));
    expect(opened).toEqual(['churn-job-1-aws-training-job']);
  });

  it('charts the feature of a clicked violation', async () => {
    await render(<EndpointMonitoringView endpointName="churn-endpoint" trans={trans} source={sourceWithHistory()} />);
    await click(mounted.container.querySelector('tr[data-execution-key="job-10"]'));

    await click(mounted.container.querySelector('tr[data-feature-name="Churn"] button'));

    // Churn is missing from the window's statistics, so only its baseline is drawn.
    const figure = mounted.container.querySelector('.jp-ChurnStudio-distribution');
    expect(figure?.getAttribute('data-feature-name')).toBe('Churn');
    const spec = renderChart.mock.calls[renderChart.mock.calls.length - 1][1];
    expect(spec.data.values.map((row: { side: string; lower: number }) => `${row.side} ${row.lower}`)).toEqual([
      'Baseline 0',
      'Baseline 0.5'
    ]);
    const absent = mounted.container.querySelector('.jp-ChurnStudio-featureStatistics tbody tr td:nth-child(3)');
    expect(absent?.textContent).toBe('absent');
  });

  it('shows a failed execution reason in the report', async () => {
    await render(<EndpointMonitoringView endpointName="churn-endpoint" trans={trans} source={sourceWithHistory()} />);

    await click(mounted.container.querySelector('tr[data-execution-key="job-9"]'));

    expect(mounted.container.querySelector('.jp-ChurnStudio-failureReason')?.textContent).toBe('Job inputs had no data');
    // job-9 has no report on the fake server, so its error shows inline.
    expect(mounted.container.querySelector('.jp-ChurnStudio-executionReport [role="alert"]')?.textContent).toContain(
      'Execution "job-9" not found'
    );
  });

  it('deletes a schedule only after confirmation', async () => {
    const source = sourceWithHistory();
    const confirmReplies = [false, true];
    const confirmRequests: string[] = [];
    const confirmDelete = async (name: string): Promise<boolean> => {
      confirmRequests.push(name);
      return confirmReplies.shift() ?? false;
    };
    await render(
      <EndpointMonitoringView endpointName="churn-endpoint" trans={trans} source={source} confirmDelete={confirmDelete} />
    );
    const deleteButton = (): Element | null =>
      mounted.container.querySelector('tr[data-schedule-name="churn-schedule"] .jp-mod-warn');

    await click(deleteButton());
    expect(source.calls).not.toContain('deleteSchedule churn-schedule');

    await click(deleteButton());
    expect(confirmRequests).toEqual(['churn-schedule', 'churn-schedule']);
    expect(source.calls).toContain('deleteSchedule churn-schedule');
  });

  it('shows load errors inline', async () => {
    const source = new QueuedMonitoringSource();
    source.schedules = [new Error('Endpoint "gone" not found')];
    source.executions = [new Error('Endpoint "gone" not found')];

    await render(<EndpointMonitoringView endpointName="gone" trans={trans} source={source} />);

    const alerts = Array.from(mounted.container.querySelectorAll('[role="alert"]')).map(alert => alert.textContent);
    expect(alerts).toEqual([
      'Loading the monitoring schedules failed: Endpoint "gone" not found',
      'Loading the monitoring executions failed: Endpoint "gone" not found'
    ]);
  });

  it('invites to create a schedule when there is none', async () => {
    const source = new QueuedMonitoringSource();
    source.schedules = [[]];

    await render(<EndpointMonitoringView endpointName="churn-endpoint" trans={trans} source={source} />);
    expect(mounted.container.textContent).toContain('This endpoint has no monitoring schedule.');

    await click(
      Array.from(mounted.container.querySelectorAll('button')).find(button => button.textContent === 'Create schedule') ?? null
    );
    expect(mounted.container.querySelector('form.jp-ChurnStudio-scheduleForm')).not.toBeNull();
  });
});
