import { analyticsColumn, notebookCell } from '../chart/notebookCell';

const METRICS = ['train:error', 'validation:error'];

describe('analyticsColumn', () => {
  it.each([
    ['validation:error_last', 'validation:error - Last'],
    ['train:error_stddev', 'train:error - StdDev'],
    ['validation:error_count', 'validation:error - Count'],
    ['trialComponentName', 'TrialComponentName'],
    ['displayName', 'DisplayName'],
    ['min_child_weight', 'min_child_weight']
  ])('maps %s to %s', (column, expected) => {
    expect(analyticsColumn(column, METRICS)).toBe(expected);
  });
});

describe('notebookCell', () => {
  const names = ['job-a-aws-training-job', 'job-b-aws-training-job'];

  it('rebuilds summary data with ExperimentAnalytics', () => {
    const cell = notebookCell(
      names,
      { dataType: 'summary', chartType: 'scatter', x: 'min_child_weight', y: 'validation:error_last', color: 'trialComponentName' },
      METRICS
    );

    expect(cell).toContain('names = ["job-a-aws-training-job", "job-b-aws-training-job"]');
    expect(cell).toContain('sdk.ExperimentAnalytics(search_expression={');
    expect(cell).toContain('"Operator": "In", "Value": ",".join(names)');
    expect(cell).toContain('x, y, color = "min_child_weight", "validation:error - Last", "TrialComponentName"');
    expect(cell).toContain('kind="scatter"');
    expect(cell).toContain('title="validation:error_last v/s min_child_weight"');
    expect(cell).toContain('display(df[');
  });

  it('writes None without color', () => {
    const cell = notebookCell(
      names,
      { dataType: 'summary', chartType: 'bar', x: 'trialComponentName', y: 'train:error_min', color: '' },
      METRICS
    );

    expect(cell).toContain('x, y, color = "TrialComponentName", "train:error - Min", None');
    expect(cell).toContain('kind="bar"');
  });

  it('plots a histogram of x', () => {
    const cell = notebookCell(
      names,
      { dataType: 'summary', chartType: 'histogram', x: 'validation:error_last', y: '', color: '' },
      METRICS
    );

    expect(cell).toContain('x, y, color = "validation:error - Last", None, None');
    expect(cell).toContain('df[x].plot.hist(title="Histogram of validation:error_last")');
  });

  it('reads time series with BatchGetMetrics', () => {
    const cell = notebookCell(
      names,
      { dataType: 'timeSeries', chartType: 'line', x: 'step', y: 'validation:error', color: 'trialComponentName' },
      METRICS
    );

    expect(cell).toContain('metric = "validation:error"');
    expect(cell).toContain('sagemaker, metrics = sdk.clients()');
    expect(cell).toContain('metrics.batch_get_metrics(MetricQueries=[{');
    expect(cell).toContain('df.plot(title="validation:error v/s step", xlabel="step", ylabel=metric)');
    expect(cell).not.toContain('ExperimentAnalytics');
  });

  it('quotes names safely', () => {
    const cell = notebookCell(
      ['quote"name'],
      { dataType: 'summary', chartType: 'scatter', x: 'eta', y: 'loss_last', color: '' },
      ['loss']
    );

    expect(cell).toContain('names = ["quote\\"name"]');
  });
});
