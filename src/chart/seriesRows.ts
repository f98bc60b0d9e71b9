import { TranslationBundle } from '@jupyterlab/translation';

import { IMetricSeries } from '../api';
import { ChartRow, COMPONENT_NAME_COLUMN, DISPLAY_NAME_COLUMN } from './chartFields';
import { SERIES_COLUMNS } from './chartSpec';

/**
 * Turns downsampled metric series into chart rows, one per bucket, skipping buckets whose values
 * were all NaN. `displayNames` maps a trial component name to its display name.
 */
export function seriesRows(
  series: IMetricSeries[],
  displayNames: { [name: string]: string } = {}
): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const item of series) {
    const name = item.trialComponentName;
    item.x.forEach((x, index) => {
      const min = item.min[index];
      const max = item.max[index];
      if (min === null || max === null) {
        return;
      }
      rows.push({
        [COMPONENT_NAME_COLUMN]: name,
        [DISPLAY_NAME_COLUMN]: displayNames[name] ?? name,
        [SERIES_COLUMNS.metric]: item.metricName,
        [SERIES_COLUMNS.step]: x,
        [SERIES_COLUMNS.min]: min,
        [SERIES_COLUMNS.max]: max
      });
    });
  }
  return rows;
}

/**
 * Returns the note after a series chart's name: the number of points, and how they were reduced
 * when the server drew fewer buckets than points.
 */
export function seriesPointsNote(series: IMetricSeries, trans: TranslationBundle): string {
  const reduced = series.downsampled && series.x.length < series.totalPoints;
  if (reduced) {
    return trans.__('(%1 points, min and max of %2 buckets)', series.totalPoints, series.x.length);
  }
  return trans._n('(%1 point)', '(%1 points)', series.totalPoints);
}
