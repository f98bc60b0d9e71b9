import { IMetricSummary, ITrialComponentRow } from '../api';

/**
 * The column groups that the column chooser's presets switch on and off.
 */
export type ColumnGroup = 'summary' | 'parameters' | 'metrics' | 'tags';

export const COLUMN_GROUPS: ColumnGroup[] = ['summary', 'metrics', 'parameters', 'tags'];

/**
 * A list row with the tags the server sends since tag columns exist. Older servers send none.
 */
export type TaggedRow = ITrialComponentRow & { tags?: { [key: string]: string } };

/**
 * Returns a row's tags, or an empty object when the server sent none.
 */
export function rowTags(row: ITrialComponentRow): { [key: string]: string } {
  return (row as TaggedRow).tags ?? {};
}

/**
 * The statistics of a metric summary, in the order of their columns.
 *
 * `key` is the field of `IMetricSummary`, `search` the statistic of a Search property such as
 * `Metrics.validation:error.Last`, and `suffix` the lower-case suffix of Studio's chart labels
 * such as `validation:error_last`.
 */
export const METRIC_STATISTICS: {
  key: keyof IMetricSummary;
  search: string;
  suffix: string;
}[] = [
  { key: 'min', search: 'Min', suffix: 'min' },
  { key: 'max', search: 'Max', suffix: 'max' },
  { key: 'avg', search: 'Avg', suffix: 'avg' },
  { key: 'stdDev', search: 'StdDev', suffix: 'stddev' },
  { key: 'last', search: 'Last', suffix: 'last' },
  { key: 'count', search: 'Count', suffix: 'count' }
];

/**
 * One column of the trial component list.
 *
 * `id` is stable across sessions, so the workspace can store which columns are visible. `sortKey`
 * is the `sort` parameter of `GET trial-components`, or null when the server cannot sort by it.
 * A column whose `label` is null gets a translated label from the widget.
 */
export interface IColumn {
  id: string;
  group: ColumnGroup;
  label: string;
  sortKey: string | null;
  /**
   * Whether the column chooser may hide the column.
   */
  hideable: boolean;
  /**
   * Whether the value is a number, which the table aligns right.
   */
  numeric: boolean;
  value: (row: ITrialComponentRow) => string | number | null;
}

/**
 * The summary columns. Their labels are English here and translated by the widget.
 */
export const SUMMARY_COLUMNS: IColumn[] = [
  summary('status', 'Status', 'Status.PrimaryStatus', row => row.status),
  summary('experiment', 'Experiment', null, row => row.experiments.join(', ')),
  summary('trial', 'Trial', null, row => row.trials.join(', ')),
  { ...summary('displayName', 'Trial component', 'DisplayName', row => row.displayName), hideable: false },
  summary('type', 'Type', null, row => row.type),
  summary('created', 'Created', 'CreationTime', row => row.created),
  summary('lastModified', 'Last modified', 'LastModifiedTime', row => row.lastModified)
];

/**
 * Builds the column of one parameter.
 */
export function parameterColumn(name: string): IColumn {
  return {
    id: `parameter:${name}`,
    group: 'parameters',
    label: name,
    sortKey: `Parameters.${name}`,
    hideable: true,
    numeric: false,
    value: row => row.parameters[name] ?? null
  };
}

/**
 * Builds the columns of one metric, one per summary statistic, labelled `<metric>_<stat>`.
 */
export function metricColumns(metric: string): IColumn[] {
  return METRIC_STATISTICS.map(statistic => ({
    id: `metric:${metric}:${statistic.key}`,
    group: 'metrics' as ColumnGroup,
    label: `${metric}_${statistic.suffix}`,
    sortKey: `Metrics.${metric}.${statistic.search}`,
    hideable: true,
    numeric: true,
    value: (row: ITrialComponentRow) => row.metrics[metric]?.[statistic.key] ?? null
  }));
}

/**
 * Builds the column of one tag key.
 *
 * NOTE: tag columns have no sort key. The local store can sort by `Tags.<key>`, but SageMaker
 * documents tags as Search filter properties only, so the list does not offer a sort that AWS
 * may reject.
 */
export function tagColumn(key: string): IColumn {
  return {
    id: `tag:${key}`,
    group: 'tags',
    label: key,
    sortKey: null,
    hideable: true,
    numeric: false,
    value: row => rowTags(row)[key] ?? null
  };
}

/**
 * Builds every column for the given names: summary, metrics, parameters, tags.
 */
export function allColumns(parameterNames: string[], metricNames: string[], tagKeys: string[] = []): IColumn[] {
  return [
    ...SUMMARY_COLUMNS,
    ...[...metricNames].sort().flatMap(metricColumns),
    ...[...parameterNames].sort().map(parameterColumn),
    ...[...tagKeys].sort().map(tagColumn)
  ];
}

function summary(
  id: string,
  label: string,
  sortKey: string | null,
  value: (row: ITrialComponentRow) => string | number | null
): IColumn {
  return { id, group: 'summary', label, sortKey, hideable: true, numeric: false, value };
}
