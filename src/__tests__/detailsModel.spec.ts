import { IMetricSeries, ITrialComponentDetail } from '../api';
import { DETAIL_SERIES_BUCKETS, DetailsModel, IDetailsSource } from '../details/detailsModel';
import { component, summary } from './chartFixtures';
import { rule, trainingJob } from './detailsFixtures';

/**
 * A details source that returns the queued components in order and records every call.
 */
class QueuedSource implements IDetailsSource {
  constructor(public replies: (ITrialComponentDetail | Error)[]) {}

  componentCalls = 0;
  seriesCalls: { name: string; metric: string; buckets?: number }[] = [];

  async getTrialComponent(name: string): Promise<ITrialComponentDetail> {
    const reply = this.replies[Math.min(this.componentCalls, this.replies.length - 1)];
    this.componentCalls += 1;
    if (reply instanceof Error) {
      throw reply;
    }
    return reply;
  }

  async getMetricSeries(
    name: string,
    metric: string,
    options?: { buckets?: number }
  ): Promise<IMetricSeries> {
    this.seriesCalls.push({ name, metric, buckets: options?.buckets });
    return {
      trialComponentName: name,
      metricName: metric,
      xAxis: 'step',
      totalPoints: 2,
      downsampled: false,
      truncated: false,
      x: [0, 1],
      min: [0.5, 0.4],
      max: [0.5, 0.4]
    };
  }
}

const TRAINING = component('job-aws-training-job', {
  status: 'InProgress',
  metrics: { 'validation:error': summary(0.2) },
  trainingJob: trainingJob({
    status: 'InProgress',
    secondaryStatus: 'Training',
    endTime: null,
    trainingSeconds: null,
    billableSeconds: null,
    debugRules: [rule('Overfit', 'InProgress')]
  })
});
const DONE = component('job-aws-training-job', {
  metrics: { 'validation:error': summary(0.1) },
  trainingJob: trainingJob()
});

describe('DetailsModel', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('loads the component and its series', async () => {
    const source = new QueuedSource([DONE]);
    const model = new DetailsModel({ source, name: DONE.name, refreshInterval: 5 });

    await model.refresh();

    expect(model.detail?.trainingJob?.status).toBe('Completed');
    expect(model.error).toBeNull();
    expect(model.isLoading).toBe(false);
    expect(Object.keys(model.series)).toEqual(['validation:error']);
    expect(source.seriesCalls).toEqual([
      { name: DONE.name, metric: 'validation:error', buckets: DETAIL_SERIES_BUCKETS }
    ]);
    model.dispose();
  });

  it('does not poll a finished job', async () => {
    const source = new QueuedSource([DONE]);
    const model = new DetailsModel({ source, name: DONE.name, refreshInterval: 5 });

    await model.refresh();

    expect(model.isPolling).toBe(false);
    model.dispose();
  });

  it('polls while training, then stops', async () => {
    const source = new QueuedSource([TRAINING, DONE]);
    const model = new DetailsModel({ source, name: TRAINING.name, refreshInterval: 5 });

    await model.refresh();
    expect(model.isPolling).toBe(true);
    expect(source.componentCalls).toBe(1);

    await jest.advanceTimersByTimeAsync(5000);

    expect(source.componentCalls).toBe(2);
    expect(model.detail?.trainingJob?.status).toBe('Completed');
    expect(model.isPolling).toBe(false);
    model.dispose();
  });

  it('does not poll with interval zero', async () => {
    const source = new QueuedSource([TRAINING]);
    const model = new DetailsModel({ source, name: TRAINING.name, refreshInterval: 0 });

    await model.refresh();

    expect(model.isPolling).toBe(false);
    model.refreshInterval = 10;
    expect(model.isPolling).toBe(true);
    model.dispose();
  });

  it('keeps data and polling after a failed refresh', async () => {
    const source = new QueuedSource([TRAINING, new Error('Server unreachable')]);
    const model = new DetailsModel({ source, name: TRAINING.name, refreshInterval: 5 });

    await model.refresh();
    await jest.advanceTimersByTimeAsync(5000);

    expect(source.componentCalls).toBe(2);
    expect(model.error).toBe('Server unreachable');
    expect(model.detail?.trainingJob?.secondaryStatus).toBe('Training');
    expect(model.isPolling).toBe(true);
    model.dispose();
  });

  it('reports a first failure without polling', async () => {
    const source = new QueuedSource([new Error('Trial component "x" not found')]);
    const model = new DetailsModel({ source, name: 'x', refreshInterval: 5 });

    await model.refresh();

    expect(model.detail).toBeNull();
    expect(model.error).toBe('Trial component "x" not found');
    expect(model.isPolling).toBe(false);
    model.dispose();
  });

  it('stops polling when disposed', async () => {
    const source = new QueuedSource([TRAINING]);
    const model = new DetailsModel({ source, name: TRAINING.name, refreshInterval: 5 });
    await model.refresh();

    model.dispose();
    await jest.advanceTimersByTimeAsync(20000);

    expect(model.isPolling).toBe(false);
    expect(source.componentCalls).toBe(1);
  });
});
