import { presetColumnState } from '../list/columnState';
import { TrialComponentListModel } from '../list/trialComponentListModel';
import { PagingSource, settle } from './trialComponentFixtures';

function create(source: PagingSource, options: Partial<TrialComponentListModel.IOptions> = {}) {
  return new TrialComponentListModel({ source, pageSize: 10, ...options });
}

describe('TrialComponentListModel paging', () => {
  it('fetches only the pages in view', async () => {
    const source = new PagingSource(100_000);
    const model = create(source);

    model.setVisibleRange(0, 25);
    await source.flush();

    expect(source.queries).toHaveLength(3);
    expect(model.loadedCount).toBe(30);
    expect(model.rowCount).toBe(100_000);
    expect(model.rowAt(29)?.name).toBe('tc-00029');
    expect(model.rowAt(30)).toBeUndefined();
  });

  it('follows cursors in order', async () => {
    const source = new PagingSource(100);
    const model = create(source);

    model.setVisibleRange(0, 10);
    await source.flush();
    model.setVisibleRange(35, 45);
    await source.flush();

    expect(source.queries.map(query => query.cursor ?? null)).toEqual([null, '10', '20', '30', '40']);
    expect(source.queries.every(query => query.limit === 10)).toBe(true);
    expect(model.rowAt(44)?.name).toBe('tc-00044');
  });

  it('stops at the last page', async () => {
    const source = new PagingSource(15);
    const model = create(source);

    model.setVisibleRange(0, 50);
    await source.flush();

    expect(source.queries).toHaveLength(2);
    expect(model.rowCount).toBe(15);
    expect(model.isEmpty).toBe(false);
    expect(model.isLoading).toBe(false);
  });

  it('sends scope, filters and sort', async () => {
    const source = new PagingSource(5);
    const model = create(source, {
      scope: { experiments: ['churn-tour'], trials: [], unassigned: false },
      filters: [{ property: 'Parameters.min_child_weight', operator: 'GreaterThan', value: '2' }],
      sort: { key: 'Metrics.validation:error.Last', order: 'asc' }
    });

    model.setVisibleRange(0, 5);
    await source.flush();

    expect(source.queries[0]).toEqual({
      experiment: 'churn-tour',
      filter: [{ Name: 'Parameters.min_child_weight', Operator: 'GreaterThan', Value: '2' }],
      sort: 'Metrics.validation:error.Last',
      order: 'asc',
      limit: 10,
      cursor: null
    });
  });
});

describe('TrialComponentListModel sort', () => {
  it('sorts a new key ascending, then flips', () => {
    const model = create(new PagingSource(5));

    model.sortBy('Metrics.validation:error.Last');
    expect(model.sort).toEqual({ key: 'Metrics.validation:error.Last', order: 'asc' });

    model.sortBy('Metrics.validation:error.Last');
    expect(model.sort).toEqual({ key: 'Metrics.validation:error.Last', order: 'desc' });

    model.sortBy('Parameters.min_child_weight');
    expect(model.sort).toEqual({ key: 'Parameters.min_child_weight', order: 'asc' });
  });

  it('drops fetched pages on a re-sort', async () => {
    const source = new PagingSource(100);
    const model = create(source);
    model.setVisibleRange(0, 30);
    await source.flush();
    expect(model.loadedCount).toBe(30);

    model.sortBy('Parameters.min_child_weight');

    expect(model.loadedCount).toBe(0);
    await source.flush();
    const resorted = source.queries.slice(3);
    expect(resorted.map(query => query.cursor ?? null)).toEqual([null, '10', '20']);
    expect(resorted.every(query => query.sort === 'Parameters.min_child_weight')).toBe(true);
  });

  it('keeps metric columns while re-sorting', async () => {
    const source = new PagingSource(100);
    const model = create(source);
    model.setVisibleRange(0, 10);
    await source.flush();
    const before = model.visibleColumns.map(column => column.id);
    expect(before).toContain('metric:validation:error:last');

    model.sortBy('Metrics.validation:error.Last');

    expect(model.loadedCount).toBe(0);
    expect(model.visibleColumns.map(column => column.id)).toEqual(before);
  });

  it('drops metric columns on a new filter', async () => {
    const source = new PagingSource(100);
    const model = create(source);
    model.setVisibleRange(0, 10);
    await source.flush();

    model.setFilters([{ property: 'Parameters.min_child_weight', operator: 'GreaterThan', value: '2' }]);

    expect(model.metricNames).toEqual([]);
  });

  it('ignores a reply of the previous sort', async () => {
    const source = new PagingSource(100);
    const model = create(source);
    model.setVisibleRange(0, 5);

    model.sortBy('Parameters.min_child_weight');
    source.pending.shift()!.resolve();
    await settle();

    expect(model.loadedCount).toBe(0);
    await source.flush();
    expect(model.loadedCount).toBe(10);
    expect(source.queries[source.queries.length - 1].sort).toBe('Parameters.min_child_weight');
  });

  it('reports the view state on changes', () => {
    const model = create(new PagingSource(5));
    const sorts: string[] = [];
    model.viewStateChanged.connect((_, state) => sorts.push(`${state.sort.key} ${state.sort.order}`));

    model.sortBy('DisplayName');
    model.setColumnState(presetColumnState('metrics'));

    expect(sorts).toEqual(['DisplayName asc', 'DisplayName asc']);
    expect(model.viewState.columns.groups).toEqual(['metrics']);
  });
});

describe('TrialComponentListModel filters', () => {
  it('keeps the old filters when new ones are invalid', () => {
    const model = create(new PagingSource(5));

    expect(() =>
      model.setFilters([{ property: 'Metrics.validation:error.Last', operator: 'LessThan', value: 'low' }])
    ).toThrow('needs a number');
    expect(model.filters).toEqual([]);
  });

  it('refetches from the first page with new filters', async () => {
    const source = new PagingSource(50);
    const model = create(source);
    model.setVisibleRange(0, 10);
    await source.flush();

    model.setFilters([{ property: 'Parameters.min_child_weight', operator: 'Equals', value: '4' }]);
    await source.flush();

    const last = source.queries[source.queries.length - 1];
    expect(last.cursor).toBeNull();
    expect(last.filter).toEqual([{ Name: 'Parameters.min_child_weight', Operator: 'Equals', Value: '4' }]);
  });
});

describe('TrialComponentListModel selection', () => {
  async function loaded(): Promise<TrialComponentListModel> {
    const source = new PagingSource(30);
    const model = create(source);
    model.setVisibleRange(0, 30);
    await source.flush();
    return model;
  }

  it('replaces the selection on a click', async () => {
    const model = await loaded();

    model.select(1);
    model.select(3);

    expect(model.selectedNames).toEqual(['tc-00003']);
  });

  it('adds and removes with toggle', async () => {
    const model = await loaded();

    model.select(1);
    model.select(3, 'toggle');
    model.select(5, 'toggle');
    model.select(1, 'toggle');

    expect(model.selectedNames).toEqual(['tc-00003', 'tc-00005']);
  });

  it('selects a range from the anchor', async () => {
    const model = await loaded();

    model.select(4);
    model.select(2, 'range');

    expect(model.selectedNames.sort()).toEqual(['tc-00002', 'tc-00003', 'tc-00004']);
  });

  it('ignores a click on a row not loaded', async () => {
    const model = await loaded();

    model.select(500);

    expect(model.selectedNames).toEqual([]);
  });

  it('keeps a selected row on right click', async () => {
    const model = await loaded();
    model.select(1);
    model.select(2, 'toggle');

    model.selectForContextMenu(2);
    expect(model.selectedNames).toEqual(['tc-00001', 'tc-00002']);

    model.selectForContextMenu(7);
    expect(model.selectedNames).toEqual(['tc-00007']);
  });

  it('checks the model artifact of one selected row', async () => {
    const source = new PagingSource(5);
    source.artifacts['tc-00001'] = {
      'SageMaker.ModelArtifact': { value: 's3://bucket/model.tar.gz', mediaType: null }
    };
    const model = create(source);
    model.setVisibleRange(0, 5);
    await source.flush();

    model.select(1);
    await settle();
    expect(model.deployCheck).toEqual({ kind: 'ready', name: 'tc-00001', modelUri: 's3://bucket/model.tar.gz' });

    model.select(2);
    await settle();
    expect(model.deployCheck).toEqual({ kind: 'ready', name: 'tc-00002', modelUri: null });

    model.select(1, 'toggle');
    expect(model.deployCheck).toEqual({ kind: 'none' });
  });
});

describe('TrialComponentListModel refresh', () => {
  it('keeps rows until the new pages arrive', async () => {
    const source = new PagingSource(30);
    const model = create(source);
    model.setVisibleRange(0, 20);
    await source.flush();

    model.refresh();
    expect(model.loadedCount).toBe(20);
    await source.flush();

    expect(source.queries.slice(2).map(query => query.cursor ?? null)).toEqual([null, '10']);
    expect(model.loadedCount).toBe(20);
  });

  it('refreshes automatically while a row is in progress', async () => {
    jest.useFakeTimers();
    try {
      const source = new PagingSource(5);
      source.status = 'InProgress';
      const model = create(source);
      model.setVisibleRange(0, 5);
      await source.flush();
      model.autoRefreshInterval = 10;

      jest.advanceTimersByTime(10_000);
      expect(source.pending).toHaveLength(1);
      await source.flush();

      source.status = 'Completed';
      jest.advanceTimersByTime(10_000);
      await source.flush();
      jest.advanceTimersByTime(10_000);

      expect(source.queries).toHaveLength(3);
      model.dispose();
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows an error and retries', async () => {
    const source = new PagingSource(5);
    const model = create(source);
    model.setVisibleRange(0, 5);
    source.pending.shift()!.reject(new Error('Store locked'));
    await settle();

    expect(model.error).toBe('Store locked');
    expect(model.isLoading).toBe(false);

    model.retry();
    await source.flush();
    expect(model.error).toBeNull();
    expect(model.loadedCount).toBe(5);
  });
});

describe('TrialComponentListModel export', () => {
  it('fetches every row with the largest pages', async () => {
    const source = new PagingSource(250);
    const model = create(source, { sort: { key: 'DisplayName', order: 'asc' } });
    const progress: number[] = [];

    const rows = model.fetchAllRows(count => progress.push(count));
    await source.flush();

    expect((await rows).length).toBe(250);
    expect(progress).toEqual([100, 200, 250]);
    expect(source.queries.every(query => query.limit === 100)).toBe(true);
    expect(source.queries.every(query => query.sort === 'DisplayName')).toBe(true);
  });
});

describe('TrialComponentListModel empty', () => {
  it('is empty only after the first page', async () => {
    const source = new PagingSource(0);
    const model = create(source);
    expect(model.isEmpty).toBe(false);

    model.setVisibleRange(0, 10);
    await source.flush();

    expect(model.isEmpty).toBe(true);
    expect(model.rowCount).toBe(0);
  });
});
