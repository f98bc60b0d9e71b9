import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { useVegaChart } from '../chart/useVegaChart';
import { buildDistributionSpec, distributionRows, ISideLabels } from './distributionSpec';
import { IFeatureComparison } from './monitoringApi';
import { IThemeState } from './useTheme';

/**
 * Returns the translated side labels of the distribution charts.
 */
export function sideLabels(trans: TranslationBundle): ISideLabels {
  return { baseline: trans.__('Baseline'), current: trans.__('Current'), other: trans.__('(other values)') };
}

/**
 * Draws one feature's baseline and current distributions side by side.
 */
export function DistributionChart(props: {
  feature: IFeatureComparison;
  trans: TranslationBundle;
  theme: IThemeState;
}): JSX.Element {
  const { feature, trans, theme } = props;
  const labels = React.useMemo(() => sideLabels(trans), [trans]);
  const distribution = React.useMemo(() => distributionRows(feature, labels), [feature, labels]);

  const { container, error } = useVegaChart(
    config =>
      buildDistributionSpec(feature.name, distribution, labels, {
        config,
        shareTitle: trans.__('share of rows')
      }),
    theme.isLight,
    [feature, distribution, labels, theme.themeKey]
  );

  const empty = distribution.kind === 'none' || distribution.rows.length === 0;
  return (
    <figure className="jp-ChurnStudio-distribution" data-feature-name={feature.name}>
      <figcaption>
        {trans.__('Distribution of %1: baseline and current', feature.name)}
        {distribution.kind === 'categorical' && distribution.otherValues > 0 && (
          <span className="jp-ChurnStudio-muted">
            {trans.__(' (%1 less frequent values summed as other values)', distribution.otherValues)}
          </span>
        )}
      </figcaption>
      {empty && (
        <p className="jp-ChurnStudio-monitoringMessage">
          {trans.__('Neither statistics file holds a distribution of %1.', feature.name)}
        </p>
      )}
      {error && (
        <div role="alert" className="jp-ChurnStudio-monitoringMessage">
          {trans.__('Drawing the chart failed: %1', error)}
        </div>
      )}
      <div ref={container} className="jp-ChurnStudio-distributionCanvas" />
    </figure>
  );
}
