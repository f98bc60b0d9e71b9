import { IMetricSummary } from '../api';
import { IChartProperties, metricLabel, METRIC_STATISTICS } from './chartFields';

/**
 * The column suffix of each statistic in `ExperimentAnalytics`, e.g. `validation:error - StdDev`.
 */
const ANALYTICS_STATISTICS: { [statistic in keyof IMetricSummary]: string } = {
  min: 'Min',
  max: 'Max',
  avg: 'Avg',
  stdDev: 'StdDev',
  last: 'Last',
  count: 'Count'
};

/**
 * Returns the `ExperimentAnalytics` column of a chart column. `validation:error_last` becomes
 * `validation:error - Last`, and a parameter or name column keeps its name.
 */
export function analyticsColumn(column: string, metrics: string[]): string {
  if (column === 'trialComponentName') {
    return 'TrialComponentName';
  }
  if (column === 'displayName') {
    return 'DisplayName';
  }
  for (const metric of metrics) {
    for (const statistic of METRIC_STATISTICS) {
      if (metricLabel(metric, statistic) === column) {
        return `${metric} - ${ANALYTICS_STATISTICS[statistic]}`;
      }
    }
  }
  return column;
}

/**
 * Returns a Python string literal of `text`; JSON string syntax is valid Python for any text.
 */
function pythonString(text: string): string {
  return JSON.stringify(text);
}

/**
 * Builds a notebook cell that rebuilds a chart's data from the studio's store and plots it.
 *
 * Summary statistics come from `churn_studio_ext.sdk.ExperimentAnalytics`, time series from
 * BatchGetMetrics through the configured backend's clients. The plot uses pandas' `.plot`, which
 * needs matplotlib, so the cell shows the DataFrame when matplotlib is missing.
 */
export function notebookCell(
  names: string[],
  properties: IChartProperties,
  metrics: string[]
): string {
  const nameList = `[${names.map(pythonString).join(', ')}]`;
  const title = pythonString(
    properties.dataType === 'timeSeries' ? `${properties.y} v/s step` : `${properties.y} v/s ${properties.x}`
  );
  const lines = ['import importlib.util', '', 'import pandas as pd', '', 'from churn_studio_ext import sdk', ''];
  lines.push(`names = ${nameList}`);

  if (properties.dataType === 'timeSeries') {
    lines.push(
      `metric = ${pythonString(properties.y)}`,
      'sagemaker, metrics = sdk.clients()',
      'frames = []',
      'for name in names:',
      '    arn = sagemaker.describe_trial_component(TrialComponentName=name)["TrialComponentArn"]',
      '    result = metrics.batch_get_metrics(MetricQueries=[{',
      '        "MetricName": metric, "ResourceArn": arn, "MetricStat": "Avg",',
      '        "Period": "IterationNumber", "XAxisType": "IterationNumber",',
      '    }])["MetricQueryResults"][0]',
      '    frames.append(pd.DataFrame({"step": result["XAxisValues"], name: result["MetricValues"]}).set_index("step"))',
      'df = pd.concat(frames, axis=1).sort_index()',
      '',
      'if importlib.util.find_spec("matplotlib"):',
      `    df.plot(title=${title}, xlabel="step", ylabel=metric)`,
      'else:',
      '    display(df)'
    );
    return lines.join('\n') + '\n';
  }

  const x = pythonString(analyticsColumn(properties.x, metrics));
  // A histogram counts x, so its Y choice is ignored.
  const y =
    properties.chartType === 'histogram' || !properties.y
      ? 'None'
      : pythonString(analyticsColumn(properties.y, metrics));
  const color = properties.color ? pythonString(analyticsColumn(properties.color, metrics)) : 'None';
  lines.push(
    'analytics = sdk.ExperimentAnalytics(search_expression={',
    '    "Filters": [{"Name": "TrialComponentName", "Operator": "In", "Value": ",".join(names)}]',
    '})',
    'df = analytics.dataframe()',
    `x, y, color = ${x}, ${y}, ${color}`,
    '# Training jobs store hyperparameters as strings, so columns of numbers become numeric.',
    'for column in [c for c in (x, y) if c]:',
    '    numbers = pd.to_numeric(df[column], errors="coerce")',
    '    if numbers.notna().all():',
    '        df[column] = numbers',
    ''
  );

  if (properties.chartType === 'histogram') {
    lines.push(
      'if importlib.util.find_spec("matplotlib"):',
      `    df[x].plot.hist(title=${pythonString(`Histogram of ${properties.x}`)})`,
      'else:',
      '    display(df[[x]])'
    );
    return lines.join('\n') + '\n';
  }

  const kind = { scatter: 'scatter', line: 'line', bar: 'bar' }[properties.chartType];
  lines.push(
    'if importlib.util.find_spec("matplotlib"):',
    '    if color is None:',
    `        df.plot(kind=${pythonString(kind)}, x=x, y=y, title=${title})`,
    '    else:',
    '        import matplotlib.pyplot as plt',
    '',
    '        figure, axes = plt.subplots()',
    '        for key, group in df.sort_values(x).groupby(color):',
    `            group.plot(kind=${pythonString(kind)}, x=x, y=y, ax=axes, label=str(key), title=${title})`,
    'else:',
    '    display(df[list(dict.fromkeys(c for c in ("TrialComponentName", x, y, color) if c))])'
  );
  return lines.join('\n') + '\n';
}
