import { ApiError, ApiNetworkError, IExperiment } from '../api';
import { ExperimentsModel, ExperimentsState, IExperimentsSource } from '../models/experimentsModel';

function experiment(name: string, lastModified: string | null, trialCount = 0): IExperiment {
  return {
    name,
    displayName: name.toUpperCase(),
    arn: `arn:aws:sagemaker:us-east-1:000000000000:experiment/${name}`,
    description: null,
    created: lastModified,
    lastModified,
    trialCount
  };
}

/**
 * A source whose replies the test settles by hand, so it can order them.
 */
class ManualSource implements IExperimentsSource {
  queries: (string | undefined)[] = [];
  pending: { resolve: (items: IExperiment[]) => void; reject: (error: Error) => void }[] = [];

  listExperiments(query?: string): Promise<IExperiment[]> {
    this.queries.push(query);
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }
}

describe('ExperimentsModel', () => {
  it('starts idle with no items', () => {
    const model = new ExperimentsModel({ source: new ManualSource() });

    expect(model.state).toEqual({ kind: 'idle' });
    expect(model.items).toEqual([]);
  });

  it('passes loading then ready with sorted items', async () => {
    const source = new ManualSource();
    const model = new ExperimentsModel({ source });
    const states: ExperimentsState['kind'][] = [];
    model.stateChanged.connect((_, state) => states.push(state.kind));

    const refreshed = model.refresh();
    expect(model.state.kind).toBe('loading');
    source.pending[0].resolve([
      experiment('old', '2026-01-01T00:00:00+00:00', 1),
      experiment('undated', null),
      experiment('new', '2026-12-04T20:31:05.123000+00:00', 4)
    ]);
    await refreshed;

    expect(states).toEqual(['loading', 'ready']);
    expect(model.items.map(item => item.name)).toEqual(['new', 'old', 'undated']);
    expect(model.items[0].trialCount).toBe(4);
  });

  it('keeps previous items while loading', async () => {
    const source = new ManualSource();
    const model = new ExperimentsModel({ source });
    const first = model.refresh();
    source.pending[0].resolve([experiment('a', '2026-01-01T00:00:00+00:00')]);
    await first;

    void model.refresh();

    expect(model.state.kind).toBe('loading');
    expect(model.items.map(item => item.name)).toEqual(['a']);
  });

  it('turns an ApiError into the error state', async () => {
    const source = new ManualSource();
    const model = new ExperimentsModel({ source });

    const refreshed = model.refresh();
    source.pending[0].reject(new ApiError('/churn-studio/api/experiments', 503, 'Store locked'));
    await refreshed;

    expect(model.state).toEqual({ kind: 'error', items: [], message: 'Store locked', status: 503 });
  });

  it('reports a network failure without a status', async () => {
    const source = new ManualSource();
    const model = new ExperimentsModel({ source });

    const refreshed = model.refresh();
    source.pending[0].reject(new ApiNetworkError('/churn-studio/api/experiments', 'Failed to fetch'));
    await refreshed;

    expect(model.state).toEqual({
      kind: 'error',
      items: [],
      message: 'Failed to fetch',
      status: null
    });
  });

  it('drops a reply that a newer request overtook', async () => {
    const source = new ManualSource();
    const model = new ExperimentsModel({ source });

    const first = model.refresh();
    const second = model.refresh();
    source.pending[1].resolve([experiment('newer', '2026-02-01T00:00:00+00:00')]);
    await second;
    source.pending[0].resolve([experiment('stale', '2026-01-01T00:00:00+00:00')]);
    await first;

    expect(model.state.kind).toBe('ready');
    expect(model.items.map(item => item.name)).toEqual(['newer']);
  });

  it('sends the query and refreshes when it changes', () => {
    const source = new ManualSource();
    const model = new ExperimentsModel({ source });

    model.query = 'churn';
    model.query = 'churn';
    model.query = '';

    expect(source.queries).toEqual(['churn', undefined]);
  });

  it('refreshes on the configured interval', () => {
    jest.useFakeTimers();
    try {
      const source = new ManualSource();
      const model = new ExperimentsModel({ source });

      model.refreshInterval = 30;
      jest.advanceTimersByTime(95_000);
      expect(source.queries).toHaveLength(3);

      model.refreshInterval = 0;
      jest.advanceTimersByTime(95_000);
      expect(source.queries).toHaveLength(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stops refreshing once disposed', () => {
    jest.useFakeTimers();
    try {
      const source = new ManualSource();
      const model = new ExperimentsModel({ source });
      model.refreshInterval = 10;

      model.dispose();
      jest.advanceTimersByTime(60_000);

      expect(model.isDisposed).toBe(true);
      expect(source.queries).toHaveLength(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
