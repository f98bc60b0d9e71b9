import { nullTranslator } from '@jupyterlab/translation';

import { IEndpointSummary, IMonitoringExecution } from '../monitoring/monitoringApi';
import { IIssueFound, IMonitoringWatchSource, issueMessage, MonitoringWatcher } from '../monitoring/monitoringWatcher';
import { execution } from './monitoringFixtures';

/**
 * A watch source whose endpoints and executions the test changes between polls.
 */
class MutableSource implements IMonitoringWatchSource {
  endpoints: IEndpointSummary[] | Error = [{ name: 'churn-endpoint', status: 'InService' }];
  executions: { [endpoint: string]: IMonitoringExecution[] | Error } = { 'churn-endpoint': [] };

  async listEndpoints(): Promise<IEndpointSummary[]> {
    if (this.endpoints instanceof Error) {
      throw this.endpoints;
    }
    return this.endpoints;
  }

  async listExecutions(endpointName: string): Promise<IMonitoringExecution[]> {
    const reply = this.executions[endpointName] ?? [];
    if (reply instanceof Error) {
      throw reply;
    }
    return reply;
  }
}

function watch(source: MutableSource, interval = 60): {
  watcher: MonitoringWatcher;
  issues: IIssueFound[];
  errors: string[];
} {
  const issues: IIssueFound[] = [];
  const errors: string[] = [];
  const watcher = new MonitoringWatcher({
    source,
    interval,
    onIssueFound: issue => issues.push(issue),
    onError: (error, endpointName) => errors.push(`${endpointName}: ${error.message}`)
  });
  return { watcher, issues, errors };
}

describe('MonitoringWatcher', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('does not replay issues found before it started', async () => {
    const source = new MutableSource();
    source.executions['churn-endpoint'] = [execution({ processingJobName: 'old' })];
    const { watcher, issues } = watch(source);

    await watcher.poll();
    await watcher.poll();

    expect(issues).toEqual([]);
    watcher.dispose();
  });

  it('reports a new execution with issues once', async () => {
    const source = new MutableSource();
    const { watcher, issues } = watch(source);
    await watcher.poll();

    source.executions['churn-endpoint'] = [
      execution({ processingJobName: 'new-issue' }),
      execution({ processingJobName: 'new-clean', status: 'Completed', violationCount: 0 })
    ];
    await watcher.poll();
    await watcher.poll();

    expect(issues.map(issue => issue.execution.processingJobName)).toEqual(['new-issue']);
    expect(issues[0].endpointName).toBe('churn-endpoint');
    watcher.dispose();
  });

  it('reports an execution that was running at start', async () => {
    const source = new MutableSource();
    source.executions['churn-endpoint'] = [execution({ processingJobName: 'running', status: 'InProgress' })];
    const { watcher, issues } = watch(source);
    await watcher.poll();

    source.executions['churn-endpoint'] = [execution({ processingJobName: 'running' })];
    await watcher.poll();

    expect(issues.map(issue => issue.execution.processingJobName)).toEqual(['running']);
    watcher.dispose();
  });

  it('ignores a failed execution', async () => {
    const source = new MutableSource();
    const { watcher, issues } = watch(source);
    await watcher.poll();

    source.executions['churn-endpoint'] = [
      execution({ processingJobName: 'failed', status: 'Failed', failureReason: 'Job inputs had no data' })
    ];
    await watcher.poll();

    expect(issues).toEqual([]);
    watcher.dispose();
  });

  it('polls at the interval and stops at zero', async () => {
    const source = new MutableSource();
    const { watcher, issues } = watch(source, 60);
    watcher.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(watcher.isPolling).toBe(true);

    source.executions['churn-endpoint'] = [execution({ processingJobName: 'later' })];
    await jest.advanceTimersByTimeAsync(59000);
    expect(issues).toEqual([]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(issues.map(issue => issue.execution.processingJobName)).toEqual(['later']);

    watcher.interval = 0;
    expect(watcher.isPolling).toBe(false);
    watcher.dispose();
  });

  it('reports errors per endpoint and keeps polling', async () => {
    const source = new MutableSource();
    source.endpoints = [
      { name: 'broken', status: 'InService' },
      { name: 'churn-endpoint', status: 'InService' }
    ];
    source.executions.broken = new Error('500 Internal Server Error');
    const { watcher, issues, errors } = watch(source);
    await watcher.poll();

    source.executions['churn-endpoint'] = [execution({ processingJobName: 'after-error' })];
    await watcher.poll();
    source.endpoints = new Error('404 Not Found');
    await watcher.poll();

    expect(errors).toEqual([
      'broken: 500 Internal Server Error',
      'broken: 500 Internal Server Error',
      'null: 404 Not Found'
    ]);
    expect(issues.map(issue => issue.execution.processingJobName)).toEqual(['after-error']);
    expect(watcher.isPolling).toBe(true);
    watcher.dispose();
  });
});

describe('issueMessage', () => {
  const trans = nullTranslator.load('churn_studio_ext');

  it('states the violation count', () => {
    const many = issueMessage({ endpointName: 'churn-endpoint', execution: execution({ violationCount: 62 }) }, trans);
    const one = issueMessage({ endpointName: 'churn-endpoint', execution: execution({ violationCount: 1 }) }, trans);

    expect(many).toBe('Model Monitor found 62 issues at endpoint churn-endpoint (churn-schedule).');
    expect(one).toBe('Model Monitor found 1 issue at endpoint churn-endpoint (churn-schedule).');
  });

  it('omits an unknown count', () => {
    const text = issueMessage({ endpointName: 'churn-endpoint', execution: execution({ violationCount: null }) }, trans);

    expect(text).toBe('Model Monitor found issues at endpoint churn-endpoint (churn-schedule).');
  });
});
