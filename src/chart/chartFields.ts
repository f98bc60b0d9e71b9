import { IMetricSummary, ITrialComponentRow } from '../api';

/**
 * The data type of a chart: one point per trial component, or one series per component and metric.
 */
export type ChartDataType = 'summary' | 'timeSeries';

/**
 * The mark of a chart.
 */
export type ChartType = 'scatter' | 'line' | 'bar' | 'histogram';

/**
 * The fields of the CHART PROPERTIES pane. `x`, `y` and `color` name columns of the chart rows,
 * and an empty `color` means one colour for all. For time series, `y` is a metric name and `x` is
 * always the step.
 */
export interface IChartProperties {
  dataType: ChartDataType;
  chartType: ChartType;
  x: string;
  y: string;
  color: string;
}

/**
 * One chart row: the component's names plus its parameters and metric statistics by label.
 */
export type ChartRow = { [column: string]: string | number | null };

/**
 * The column of the trial component name, as Studio labels it in the color choice.
 */
export const COMPONENT_NAME_COLUMN = 'trialComponentName';

/**
 * The column of the trial component display name.
 */
export const DISPLAY_NAME_COLUMN = 'displayName';

/**
 * The statistics of a metric summary, in the order of the X and Y choices.
 */
export const METRIC_STATISTICS: (keyof IMetricSummary)[] = [
  'last',
  'min',
  'max',
  'avg',
  'stdDev',
  'count'
];

/**
 * Returns the Studio label of a metric statistic: `<metric>_<stat>` in lower case, e.g.
 * `validation:error_last`.
 */
export function metricLabel(metric: string, statistic: keyof IMetricSummary): string {
  return `${metric}_${statistic}`.toLowerCase();
}

/**
 * The columns that the property choices offer, drawn from the selected trial components.
 */
export interface IChartFields {
  /**
   * Parameter names, sorted.
   */
  parameters: string[];
  /**
   * Metric names, sorted.
   */
  metrics: string[];
  /**
   * Metric statistic labels, by metric and then in `METRIC_STATISTICS` order.
   */
  metricLabels: string[];
  /**
   * Parameter columns whose values are all numbers, for histograms and numeric axes.
   */
  numericParameters: string[];
  /**
   * Parameters whose values differ between the components, sorted: the ones worth charting.
   */
  varyingParameters: string[];
}

/**
 * Collects the parameters and metric statistics of the selected trial components. A parameter
 * counts as numeric when every component's value is a number or a string that parses as one,
 * because training jobs store hyperparameters as strings.
 */
export function chartFields(components: ITrialComponentRow[]): IChartFields {
  const parameters = new Set<string>();
  const nonNumeric = new Set<string>();
  const metrics = new Set<string>();

  const values = new Map<string, Set<string>>();

  for (const component of components) {
    for (const [name, value] of Object.entries(component.parameters)) {
      parameters.add(name);
      values.set(name, (values.get(name) ?? new Set<string>()).add(String(numericOrText(value))));
      if (typeof numericOrText(value) !== 'number') {
        nonNumeric.add(name);
      }
    }
    for (const name of Object.keys(component.metrics)) {
      metrics.add(name);
    }
  }

  const sortedMetrics = [...metrics].sort();
  const sortedParameters = [...parameters].sort();
  return {
    parameters: sortedParameters,
    metrics: sortedMetrics,
    metricLabels: sortedMetrics.flatMap(metric =>
      METRIC_STATISTICS.map(statistic => metricLabel(metric, statistic))
    ),
    numericParameters: sortedParameters.filter(name => !nonNumeric.has(name)),
    // A parameter missing on some component also counts as varying.
    varyingParameters: sortedParameters.filter(
      name =>
        values.get(name)!.size > 1 ||
        components.some(component => !(name in component.parameters))
    )
  };
}

/**
 * Builds one summary row per trial component. A parameter string that contains a number becomes
 * that number, so it plots on a numeric axis.
 */
export function summaryRows(components: ITrialComponentRow[]): ChartRow[] {
  return components.map(component => {
    const row: ChartRow = {
      [COMPONENT_NAME_COLUMN]: component.name,
      [DISPLAY_NAME_COLUMN]: component.displayName
    };
    for (const [name, value] of Object.entries(component.parameters)) {
      row[name] = numericOrText(value);
    }
    for (const [metric, summary] of Object.entries(component.metrics)) {
      for (const statistic of METRIC_STATISTICS) {
        row[metricLabel(metric, statistic)] = summary[statistic];
      }
    }
    return row;
  });
}

/**
 * Picks the Studio tour's defaults: a numeric parameter on X, preferring one whose value differs
 * between the components (else the first metric statistic), the last value of the first
 * validation metric on Y, and the component name as color.
 */
export function defaultProperties(fields: IChartFields): IChartProperties {
  const metric = fields.metrics.find(name => name.startsWith('validation')) ?? fields.metrics[0];
  const y = metric ? metricLabel(metric, 'last') : '';
  const chartable = fields.numericParameters.filter(name => !name.startsWith('SageMaker.'));
  const x =
    chartable.find(name => fields.varyingParameters.includes(name)) ??
    chartable[0] ??
    fields.parameters[0] ??
    fields.metricLabels.find(label => label !== y) ??
    '';
  return { dataType: 'summary', chartType: 'scatter', x, y, color: COMPONENT_NAME_COLUMN };
}

/**
 * Returns a number for a number or a string that parses completely as one, else the text.
 */
export function numericOrText(value: string | number | null): string | number | null {
  if (typeof value !== 'string' || value.trim() === '') {
    return value;
  }
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : value;
}
