import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IMetricSeries } from '../api';
import { buildChartSpec } from '../chart/chartSpec';
import { seriesPointsNote, seriesRows } from '../chart/seriesRows';
import { useVegaChart } from '../chart/useVegaChart';

/**
 * The properties of `MetricChart`.
 */
export interface IMetricChartProps {
  series: IMetricSeries;
  trans: TranslationBundle;
  isLight: boolean;
  themeVersion: number;
}

/**
 * Renders a small line chart of one metric's series, with its min-max band where it is downsampled.
 */
export function MetricChart(props: IMetricChartProps): JSX.Element {
  const { series, trans, isLight, themeVersion } = props;
  const { container, error } = useVegaChart(
    config =>
      buildChartSpec(
        seriesRows([series]),
        { dataType: 'timeSeries', chartType: 'line', x: 'step', y: series.metricName, color: '' },
        { config, height: 160, showTitle: false }
      ),
    isLight,
    [series, isLight, themeVersion]
  );

  return (
    <figure className="jp-ChurnStudio-metricChart" data-metric-name={series.metricName}>
      <figcaption>
        {series.metricName}{' '}
        <span className="jp-ChurnStudio-metricChartNote">{seriesPointsNote(series, trans)}</span>
      </figcaption>
      {error && (
        <div role="alert" className="jp-ChurnStudio-detailsMessage">
          {trans.__('Drawing the chart failed: %1', error)}
        </div>
      )}
      <div ref={container} className="jp-ChurnStudio-metricChartCanvas" />
    </figure>
  );
}
