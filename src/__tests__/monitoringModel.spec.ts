import { executionKey, MonitoringModel, sortExecutions } from '../monitoring/monitoringModel';
import { execution, executionDetail, QueuedMonitoringSource, schedule } from './monitoringFixtures';

const ENDPOINT = 'churn-endpoint';

function modelOf(source: QueuedMonitoringSource, refreshInterval = 5): MonitoringModel {
  return new MonitoringModel({ source, endpointName: ENDPOINT, refreshInterval });
}

describe('sortExecutions', () => {
  it('puts the newest creation time first', () => {
    const old = execution({ processingJobName: 'old', creationTime: '2026-12-04T08:03:00Z' });
    const newest = execution({ processingJobName: 'newest', creationTime: '2026-12-04T10:03:00Z' });
    const middle = execution({ processingJobName: 'middle', creationTime: '2026-12-04T09:03:00Z' });

    const names = sortExecutions([old, newest, middle]).map(item => item.processingJobName);

    expect(names).toEqual(['newest', 'middle', 'old']);
  });

  it('falls back to scheduled time, then keeps order', () => {
    const scheduled = execution({ processingJobName: null, creationTime: null, scheduledTime: '2026-12-04T11:00:00Z' });
    const undated1 = execution({ processingJobName: 'a', creationTime: null, scheduledTime: null });
    const undated2 = execution({ processingJobName: 'b', creationTime: null, scheduledTime: null });
    const created = execution({ processingJobName: 'c', creationTime: '2026-12-04T10:03:00Z' });

    const keys = sortExecutions([undated1, created, undated2, scheduled]).map(executionKey);

    expect(keys).toEqual(['churn-schedule@2026-12-04T11:00:00Z', 'c', 'a', 'b']);
  });
});

describe('MonitoringModel', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('loads schedules and executions newest first', async () => {
    const source = new QueuedMonitoringSource();
    source.executions = [
      [
        execution({ processingJobName: 'job-9', creationTime: '2026-12-04T09:03:00Z', status: 'Completed' }),
        execution({ processingJobName: 'job-10', creationTime: '2026-12-04T10:03:00Z' })
      ]
    ];
    const model = modelOf(source);

    await model.refresh();

    expect(model.isLoaded).toBe(true);
    expect(model.schedules.map(item => item.name)).toEqual(['churn-schedule']);
    expect(model.executions.map(item => item.processingJobName)).toEqual(['job-10', 'job-9']);
    expect(source.calls).toEqual([`listSchedules ${ENDPOINT}`, `listExecutions ${ENDPOINT}`]);
    expect(model.isPolling).toBe(false);
    model.dispose();
  });

  it('keeps each section after its own failure', async () => {
    const source = new QueuedMonitoringSource();
    source.schedules = [[schedule()], new Error('Schedules unavailable')];
    source.executions = [new Error('Endpoint "churn-endpoint" not found')];
    const model = modelOf(source);

    await model.refresh();
    expect(model.schedulesError).toBeNull();
    expect(model.executionsError).toBe('Endpoint "churn-endpoint" not found');

    await model.refresh();
    expect(model.schedulesError).toBe('Schedules unavailable');
    expect(model.schedules.map(item => item.name)).toEqual(['churn-schedule']);
    model.dispose();
  });

  it('polls while an execution is in progress, then stops', async () => {
    const source = new QueuedMonitoringSource();
    source.executions = [
      [execution({ status: 'InProgress', exitMessage: null, violationCount: null })],
      [execution({ status: 'CompletedWithViolations' })]
    ];
    const model = modelOf(source, 5);

    await model.refresh();
    expect(model.isPolling).toBe(true);
    expect(source.count('listExecutions')).toBe(1);

    await jest.advanceTimersByTimeAsync(5000);

    expect(source.count('listExecutions')).toBe(2);
    expect(model.executions[0].status).toBe('CompletedWithViolations');
    expect(model.isPolling).toBe(false);
    model.dispose();
  });

  it('polls for a schedule whose last execution is pending', async () => {
    const source = new QueuedMonitoringSource();
    source.schedules = [
      [schedule({ lastExecution: { status: 'Pending', scheduledTime: null, processingJobName: null, failureReason: null } })]
    ];
    const model = modelOf(source, 5);

    await model.refresh();

    expect(model.isPolling).toBe(true);
    model.dispose();
  });

  it('does not poll with interval zero', async () => {
    const source = new QueuedMonitoringSource();
    source.executions = [[execution({ status: 'Pending' })]];
    const model = modelOf(source, 0);

    await model.refresh();

    expect(model.isPolling).toBe(false);
    model.refreshInterval = 3;
    expect(model.isPolling).toBe(true);
    model.dispose();
  });

  it('loads the report of a selected execution', async () => {
    const source = new QueuedMonitoringSource();
    const done = execution();
    source.executions = [[done]];
    source.details[done.processingJobName!] = [executionDetail()];
    const model = modelOf(source);
    await model.refresh();

    await model.select(executionKey(done));

    expect(model.selectedExecution?.processingJobName).toBe(done.processingJobName);
    expect(model.detail?.violations.map(item => item.featureName)).toEqual(['Churn', 'Day Mins']);
    expect(model.detailError).toBeNull();
    expect(model.isDetailLoading).toBe(false);
    model.dispose();
  });

  it('shows a report error beside the selection', async () => {
    const source = new QueuedMonitoringSource();
    const done = execution();
    source.executions = [[done]];
    const model = modelOf(source);
    await model.refresh();

    await model.select(executionKey(done));

    expect(model.detail).toBeNull();
    expect(model.detailError).toBe(`Execution "${done.processingJobName}" not found`);
    model.dispose();
  });

  it('runs a schedule and follows its execution to the report', async () => {
    const source = new QueuedMonitoringSource();
    const pending = execution({
      status: 'Pending',
      processingJobName: null,
      scheduledTime: '2026-12-04T11:00:00Z',
      creationTime: '2026-12-04T11:00:01Z',
      exitMessage: null,
      violationCount: null
    });
    const started = { ...pending, status: 'InProgress', processingJobName: 'job-11' };
    const finished = { ...started, status: 'CompletedWithViolations', violationCount: 2 };
    source.runReply = pending;
    source.executions = [[], [pending], [started], [finished]];
    source.details['job-11'] = [
      executionDetail({ ...started }),
      executionDetail({ ...finished })
    ];
    const model = modelOf(source, 5);
    await model.refresh();

    const succeeded = await model.runSchedule('churn-schedule');

    expect(succeeded).toBe(true);
    expect(source.calls).toContain('runSchedule churn-schedule');
    expect(model.selectedExecution?.status).toBe('Pending');
    expect(model.detail).toBeNull();
    expect(model.isPolling).toBe(true);

    await jest.advanceTimersByTimeAsync(5000);
    expect(model.selectedKey).toBe('job-11');
    expect(model.detail?.execution.status).toBe('InProgress');

    await jest.advanceTimersByTimeAsync(5000);
    expect(model.detail?.execution.status).toBe('CompletedWithViolations');
    expect(source.count('getExecution')).toBe(2);
    expect(model.isPolling).toBe(false);
    model.dispose();
  });

  it('keeps the server message of a failed action', async () => {
    const source = new QueuedMonitoringSource();
    source.actionError = new Error('Monitoring schedule "churn-schedule" not found');
    const model = modelOf(source);
    await model.refresh();

    const succeeded = await model.stopSchedule('churn-schedule');

    expect(succeeded).toBe(false);
    expect(model.actionError).toBe('Monitoring schedule "churn-schedule" not found');
    expect(model.pendingAction).toBeNull();
    model.dismissActionError();
    expect(model.actionError).toBeNull();
    model.dispose();
  });

  it('refetches after each schedule action', async () => {
    const source = new QueuedMonitoringSource();
    const model = modelOf(source);
    await model.refresh();

    await model.createSchedule({
      endpointName: ENDPOINT,
      scheduleName: 'second',
      scheduleExpression: 'daily',
      baselineJobName: 'baseline-job'
    });
    await model.stopSchedule('second');
    await model.startSchedule('second');
    await model.deleteSchedule('second');

    expect(source.calls.filter(call => !call.startsWith('list'))).toEqual([
      'createSchedule second',
      'stopSchedule second',
      'startSchedule second',
      'deleteSchedule second'
    ]);
    expect(source.count('listSchedules')).toBe(5);
    expect(source.created[0].scheduleExpression).toBe('daily');
    model.dispose();
  });

  it('ignores a second action while one runs', async () => {
    const source = new QueuedMonitoringSource();
    const model = modelOf(source);
    await model.refresh();

    const first = model.stopSchedule('churn-schedule');
    const second = await model.deleteSchedule('churn-schedule');
    await first;

    expect(second).toBe(false);
    expect(source.calls).not.toContain('deleteSchedule churn-schedule');
    model.dispose();
  });

  it('stops polling when disposed', async () => {
    const source = new QueuedMonitoringSource();
    source.executions = [[execution({ status: 'InProgress' })]];
    const model = modelOf(source, 5);
    await model.refresh();

    model.dispose();
    await jest.advanceTimersByTimeAsync(20000);

    expect(model.isPolling).toBe(false);
    expect(source.count('listExecutions')).toBe(1);
  });
});
