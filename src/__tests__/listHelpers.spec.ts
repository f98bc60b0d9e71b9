import { allColumns, metricColumns, parameterColumn, SUMMARY_COLUMNS } from '../list/columns';
import {
  isColumnVisible,
  normalizeColumnState,
  presetColumnState,
  toggleColumn,
  toggleColumnGroup,
  visibleColumns
} from '../list/columnState';
import { buildCsv, csvField } from '../list/csv';
import { modelArtifactUri } from '../list/deploy';
import {
  buildSearchFilters,
  conditionProblem,
  FilterError,
  filterProperties,
  IFilterCondition,
  normalizeConditions,
  problemMessage
} from '../list/filters';
import { normalizeScope, scopeKey, scopeQuery } from '../list/scope';
import { row } from './trialComponentFixtures';

describe('columns', () => {
  it('labels metric statistics like Studio charts', () => {
    const labels = metricColumns('validation:error').map(column => column.label);

    expect(labels).toEqual([
      'validation:error_min',
      'validation:error_max',
      'validation:error_avg',
      'validation:error_stddev',
      'validation:error_last',
      'validation:error_count'
    ]);
  });

  it('maps metric columns to Search sort keys', () => {
    const last = metricColumns('validation:error').find(column => column.label === 'validation:error_last')!;

    expect(last.sortKey).toBe('Metrics.validation:error.Last');
    expect(last.value(row('a', { error: 0.07 }))).toBe(0.07);
    expect(last.value({ ...row('b'), metrics: {} })).toBeNull();
  });

  it('maps parameter columns to Search sort keys', () => {
    const column = parameterColumn('min_child_weight');

    expect(column.sortKey).toBe('Parameters.min_child_weight');
    expect(column.value(row('a', { minChildWeight: 4 }))).toBe(4);
  });

  it('orders summary, metrics, then parameters', () => {
    const ids = allColumns(['eta', 'alpha'], ['train:error']).map(column => column.id);

    expect(ids.slice(0, SUMMARY_COLUMNS.length)).toEqual([
      'status',
      'experiment',
      'trial',
      'displayName',
      'type',
      'created',
      'lastModified'
    ]);
    expect(ids[SUMMARY_COLUMNS.length]).toBe('metric:train:error:min');
    expect(ids.slice(-2)).toEqual(['parameter:alpha', 'parameter:eta']);
  });

  it('cannot sort by experiment, trial or type', () => {
    const unsortable = SUMMARY_COLUMNS.filter(column => column.sortKey === null).map(column => column.id);

    expect(unsortable).toEqual(['experiment', 'trial', 'type']);
  });
});

describe('column state', () => {
  const columns = allColumns(['min_child_weight'], ['validation:error']);
  const visibleIds = (state: ReturnType<typeof presetColumnState>): string[] =>
    visibleColumns(state, columns).map(column => column.id);

  it('shows every column for the all preset', () => {
    expect(visibleIds(presetColumnState('all'))).toHaveLength(columns.length);
  });

  it('keeps the trial component column in every preset', () => {
    expect(visibleIds(presetColumnState('parameters'))).toEqual(['displayName', 'parameter:min_child_weight']);
  });

  it('shows only metrics for the metrics preset', () => {
    const ids = visibleIds(presetColumnState('metrics'));

    expect(ids).toContain('metric:validation:error:last');
    expect(ids).not.toContain('status');
    expect(ids).not.toContain('parameter:min_child_weight');
  });

  it('hides one column of a visible group', () => {
    const status = columns.find(column => column.id === 'status')!;
    const state = toggleColumn(presetColumnState('summary'), status);

    expect(state.hidden).toEqual(['status']);
    expect(isColumnVisible(state, status)).toBe(false);
    expect(isColumnVisible(toggleColumn(state, status), status)).toBe(true);
  });

  it('shows one column of a hidden group', () => {
    const parameter = columns.find(column => column.id === 'parameter:min_child_weight')!;
    const state = toggleColumn(presetColumnState('summary'), parameter);

    expect(state.shown).toEqual(['parameter:min_child_weight']);
    expect(isColumnVisible(state, parameter)).toBe(true);
  });

  it('drops a group overrides when toggled', () => {
    const status = columns.find(column => column.id === 'status')!;
    const hiddenStatus = toggleColumn(presetColumnState('all'), status);
    const withoutSummary = toggleColumnGroup(hiddenStatus, 'summary');
    const withSummary = toggleColumnGroup(withoutSummary, 'summary');

    expect(withoutSummary.groups).toEqual(['metrics', 'parameters', 'tags']);
    expect(withSummary.groups).toEqual(['summary', 'metrics', 'parameters', 'tags']);
    expect(withSummary.hidden).toEqual([]);
  });

  it('falls back to the preset for bad JSON', () => {
    expect(normalizeColumnState('nonsense', 'summary')).toEqual(presetColumnState('summary'));
    expect(normalizeColumnState({ groups: ['metrics', 'bogus'], hidden: [3, 'a'] }, 'all')).toEqual({
      groups: ['metrics'],
      hidden: ['a'],
      shown: []
    });
  });
});

describe('filters', () => {
  it('builds Search filters with string values', () => {
    const conditions: IFilterCondition[] = [
      { property: 'Parameters.min_child_weight', operator: 'GreaterThan', value: ' 2 ' },
      { property: 'Metrics.validation:error.Last', operator: 'LessThan', value: '0.07' },
      { property: 'Parameters.eta', operator: 'Exists', value: 'ignored' }
    ];

    expect(buildSearchFilters(conditions)).toEqual([
      { Name: 'Parameters.min_child_weight', Operator: 'GreaterThan', Value: '2' },
      { Name: 'Metrics.validation:error.Last', Operator: 'LessThan', Value: '0.07' },
      { Name: 'Parameters.eta', Operator: 'Exists' }
    ]);
  });

  it('puts the scope filters first', () => {
    const scope = [{ Name: 'Parents.TrialName', Operator: 'In', Value: 'a,b' }];
    const filters = buildSearchFilters(
      [{ property: 'Parameters.eta', operator: 'Equals', value: '0.2' }],
      scope
    );

    expect(filters[0]).toEqual(scope[0]);
    expect(filters).toHaveLength(2);
  });

  it('rejects a metric compared with text', () => {
    const problem = conditionProblem({ property: 'Metrics.validation:error.Last', operator: 'Equals', value: 'low' });

    expect(problem).toEqual({
      kind: 'notANumber',
      operator: 'Equals',
      property: 'Metrics.validation:error.Last',
      value: 'low'
    });
    expect(problemMessage(problem!)).toBe('Equals on Metrics.validation:error.Last needs a number, got "low".');
  });

  it('rejects an empty value', () => {
    expect(() =>
      buildSearchFilters([{ property: 'Parameters.eta', operator: 'Equals', value: ' ' }])
    ).toThrow('Enter a value for Equals.');
  });

  it('counts the scope conditions toward 20', () => {
    const nineteen: IFilterCondition[] = Array.from({ length: 19 }, (_, index) => ({
      property: `Parameters.p${index}`,
      operator: 'Exists',
      value: ''
    }));

    expect(buildSearchFilters(nineteen, [], 1)).toHaveLength(19);
    expect(() => buildSearchFilters(nineteen, [], 2)).toThrow('Too many filters: 21 including the scope');
    expect(() => buildSearchFilters(nineteen, [], 2)).toThrow(FilterError);
  });

  it('offers parameters then metric statistics', () => {
    const properties = filterProperties(['min_child_weight'], ['validation:error']);

    expect(properties[0]).toEqual({ property: 'Parameters.min_child_weight', label: 'min_child_weight', numeric: false });
    expect(properties.map(item => item.label)).toContain('validation:error_last');
    expect(properties).toHaveLength(7);
  });

  it('drops malformed stored conditions', () => {
    const stored = [
      { property: 'Parameters.eta', operator: 'Equals', value: '0.2' },
      { property: 'Parameters.eta', operator: 'Bogus', value: '1' },
      'text'
    ];

    expect(normalizeConditions(stored)).toEqual([{ property: 'Parameters.eta', operator: 'Equals', value: '0.2' }]);
  });
});

describe('scope', () => {
  it('uses query parameters for one name', () => {
    expect(scopeQuery(normalizeScope({ experiments: ['churn-tour'] }))).toEqual({
      query: { experiment: 'churn-tour' },
      filters: []
    });
    expect(scopeQuery(normalizeScope({ trials: ['t1'] })).query).toEqual({ trial: 't1' });
  });

  it('uses an In filter for several names', () => {
    const { query, filters } = scopeQuery(normalizeScope({ experiments: ['b', 'a', 'b'] }));

    expect(query).toEqual({});
    expect(filters).toEqual([{ Name: 'Parents.ExperimentName', Operator: 'In', Value: 'a,b' }]);
  });

  it('lists unassigned components alone', () => {
    expect(scopeQuery(normalizeScope({ unassigned: true })).query).toEqual({ unassigned: true });
  });

  it('keys equal scopes equally', () => {
    expect(scopeKey(normalizeScope({ experiments: ['b', 'a'] }))).toBe(
      scopeKey(normalizeScope({ experiments: ['a', 'b'] }))
    );
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.0625)).toBe('0.0625');
  });

  it('writes headings then one line per row', () => {
    const columns = allColumns(['min_child_weight'], ['validation:error']).filter(column =>
      ['displayName', 'parameter:min_child_weight', 'metric:validation:error:last'].includes(column.id)
    );
    const csv = buildCsv(columns, [row('a', { minChildWeight: 2, error: 0.07 }), row('b', { minChildWeight: 10, error: 0.0625 })]);

    expect(csv).toBe(
      'Trial component,validation:error_last,min_child_weight\r\n' +
        'a-display,0.07,2\r\n' +
        'b-display,0.0625,10\r\n'
    );
  });
});

describe('model artifact', () => {
  it('prefers SageMaker.ModelArtifact', () => {
    const uri = modelArtifactUri({
      inputArtifacts: {},
      outputArtifacts: {
        'model.tar.gz': { value: 'file:///other', mediaType: null },
        'SageMaker.ModelArtifact': { value: 's3://bucket/model.tar.gz', mediaType: null }
      }
    });

    expect(uri).toBe('s3://bucket/model.tar.gz');
  });

  it('accepts an output named like a model', () => {
    const uri = modelArtifactUri({
      inputArtifacts: {},
      outputArtifacts: { MyModel: { value: 'file:///m', mediaType: null } }
    });

    expect(uri).toBe('file:///m');
  });

  it('returns null without a model output', () => {
    const uri = modelArtifactUri({
      inputArtifacts: { 'SageMaker.ModelArtifact': { value: 's3://in', mediaType: null } },
      outputArtifacts: { report: { value: 's3://r', mediaType: null } }
    });

    expect(uri).toBeNull();
  });
});
