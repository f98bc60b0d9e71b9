import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { formatNumber } from '../details/detailTabs';
import { DistributionChart } from './DistributionChart';
import { IStatisticRow, statisticRows } from './distributionSpec';
import { IExecutionDetail, IExecutionLinks, IFeatureComparison, IMonitoringExecution } from './monitoringApi';
import { checkTypeLabel } from './monitoringLabels';
import { ExecutionStatus } from './StatusBadge';
import { IThemeState } from './useTheme';

/**
 * The properties of `ExecutionReport`.
 */
export interface IExecutionReportProps {
  execution: IMonitoringExecution;
  detail: IExecutionDetail | null;
  isLoading: boolean;
  error: string | null;
  trans: TranslationBundle;
  theme: IThemeState;
  onOpenTrialComponent?: (name: string) => void;
}

/**
 * Returns the features in report order: those with a baseline drift violation, then those with
 * other violations, each in violation order, then the rest in the order of the statistics. The
 * first feature is charted when a report opens, and drift is what its chart shows best.
 */
export function orderFeatures(detail: IExecutionDetail): IFeatureComparison[] {
  const drifted = detail.violations.filter(violation => violation.checkType === 'baseline_drift_check');
  const violated = [...new Set([...drifted, ...detail.violations].map(violation => violation.featureName))];
  const byName = new Map(detail.features.map(feature => [feature.name, feature]));
  const first = violated.map(name => byName.get(name)).filter((feature): feature is IFeatureComparison => !!feature);
  const firstNames = new Set(first.map(feature => feature.name));
  return [...first, ...detail.features.filter(feature => !firstNames.has(feature.name))];
}

/**
 * Renders the MONITORING JOB DETAILS of one execution: its outcome, its constraint violations
 * and the baseline and current distribution of a chosen feature.
 */
export function ExecutionReport(props: IExecutionReportProps): JSX.Element {
  const { execution, detail, trans } = props;
  const features = React.useMemo(() => (detail ? orderFeatures(detail) : []), [detail]);
  const [featureName, setFeatureName] = React.useState<string | null>(null);
  const violatedNames = React.useMemo(
    () => new Set(detail?.violations.map(violation => violation.featureName) ?? []),
    [detail]
  );

  const feature = features.find(item => item.name === featureName) ?? features[0] ?? null;

  return (
    <section
      className="jp-ChurnStudio-executionReport"
      aria-label={trans.__('Monitoring job details')}
      data-processing-job-name={execution.processingJobName ?? undefined}
    >
      <h3>{trans.__('Monitoring job details')}</h3>
      <table className="jp-ChurnStudio-monitoringFacts">
        <tbody>
          <tr>
            <th>{trans.__('Monitoring status')}</th>
            <td>
              <ExecutionStatus execution={execution} trans={trans} />
            </td>
          </tr>
          <tr>
            <th>{trans.__('Monitoring job name')}</th>
            <td>{execution.processingJobName ?? trans.__('(not started)')}</td>
          </tr>
          <tr>
            <th>{trans.__('Monitoring schedule name')}</th>
            <td>{execution.scheduleName}</td>
          </tr>
          <tr>
            <th>{trans.__('Scheduled')}</th>
            <td>{execution.scheduledTime ? Time.format(execution.scheduledTime) : ''}</td>
          </tr>
          {execution.exitMessage && (
            <tr>
              <th>{trans.__('Exit message')}</th>
              <td>{execution.exitMessage}</td>
            </tr>
          )}
          {execution.failureReason && (
            <tr>
              <th>{trans.__('Failure reason')}</th>
              <td className="jp-ChurnStudio-failureReason">{execution.failureReason}</td>
            </tr>
          )}
        </tbody>
      </table>

      {props.isLoading && !detail && (
        <p className="jp-ChurnStudio-monitoringMessage">{trans.__('Loading the report…')}</p>
      )}
      {props.error && (
        <div role="alert" className="jp-ChurnStudio-monitoringMessage">
          {trans.__('Loading the report of %1 failed: %2', execution.processingJobName ?? '', props.error)}
        </div>
      )}
      {!execution.processingJobName && (
        <p className="jp-ChurnStudio-monitoringMessage">
          {trans.__('The report appears once the execution has started its processing job.')}
        </p>
      )}

      {detail && (
        <>
          <Violations detail={detail} trans={trans} onSelectFeature={setFeatureName} />
          <h4>{trans.__('Feature distributions')}</h4>
          {features.length === 0 ? (
            <p className="jp-ChurnStudio-monitoringMessage">
              {trans.__('This execution wrote no statistics.')}
            </p>
          ) : (
            <>
              <label className="jp-ChurnStudio-featurePicker">
                {trans.__('Feature')}{' '}
                <select
                  className="jp-mod-styled"
                  value={feature?.name ?? ''}
                  onChange={event => setFeatureName(event.target.value)}
                >
                  {features.map(item => (
                    <option key={item.name} value={item.name}>
                      {violatedNames.has(item.name)
                        ? trans.__('%1 (issue found)', item.name)
                        : item.name}
                    </option>
                  ))}
                </select>
              </label>
              {feature && (
                <div className="jp-ChurnStudio-featureComparison">
                  <StatisticsTable feature={feature} trans={trans} />
                  <DistributionChart feature={feature} trans={trans} theme={props.theme} />
                </div>
              )}
            </>
          )}
          <Links links={detail.links} trans={trans} onOpenTrialComponent={props.onOpenTrialComponent} />
        </>
      )}
    </section>
  );
}

function Violations(props: {
  detail: IExecutionDetail;
  trans: TranslationBundle;
  onSelectFeature: (name: string) => void;
}): JSX.Element {
  const { detail, trans } = props;
  if (detail.violations.length === 0) {
    return (
      <p className="jp-ChurnStudio-monitoringMessage">
        {trans.__('No constraint violations.')}
      </p>
    );
  }
  return (
    <>
      <h4>{trans.__('Constraint violations (%1)', detail.violations.length)}</h4>
      <p className="jp-ChurnStudio-violationSummary">
        {countByCheckType(detail)
          .map(([checkType, count]) => trans.__('%1: %2', checkTypeLabel(checkType, trans), count))
          .join(' · ')}
      </p>
      <div className="jp-ChurnStudio-violationsScroll">
        <table className="jp-ChurnStudio-monitoringTable jp-ChurnStudio-violations">
          <thead>
            <tr>
              <th>{trans.__('Feature')}</th>
              <th>{trans.__('Check type')}</th>
              <th>{trans.__('Description')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.violations.map((violation, index) => (
              <tr key={index} data-feature-name={violation.featureName} data-check-type={violation.checkType}>
                <td>
                  <button
                    className="jp-ChurnStudio-linkButton"
                    title={trans.__('Show the distributions of %1', violation.featureName)}
                    onClick={() => props.onSelectFeature(violation.featureName)}
                  >
                    {violation.featureName}
                  </button>
                </td>
                <td title={violation.checkType}>{checkTypeLabel(violation.checkType, trans)}</td>
                <td className="jp-ChurnStudio-violationDescription">{violation.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * Counts the violations per check type, most frequent first.
 */
export function countByCheckType(detail: IExecutionDetail): [string, number][] {
  const counts = new Map<string, number>();
  for (const violation of detail.violations) {
    counts.set(violation.checkType, (counts.get(violation.checkType) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function statisticLabel(statistic: IStatisticRow['statistic'], trans: TranslationBundle): string {
  switch (statistic) {
    case 'present':
      return trans.__('Present values');
    case 'missing':
      return trans.__('Missing values');
    case 'mean':
      return trans.__('Mean');
    case 'stdDev':
      return trans.__('Std dev');
    case 'min':
      return trans.__('Min');
    case 'max':
      return trans.__('Max');
    case 'distinct':
      return trans.__('Distinct values');
  }
}

function StatisticsTable(props: { feature: IFeatureComparison; trans: TranslationBundle }): JSX.Element {
  const { feature, trans } = props;
  const rows = statisticRows(feature);
  const typeOf = (side: IFeatureComparison['baseline']): string => side?.inferred_type ?? trans.__('absent');
  return (
    <table className="jp-ChurnStudio-monitoringTable jp-ChurnStudio-featureStatistics">
      <thead>
        <tr>
          <th>{trans.__('Statistic')}</th>
          <th>{trans.__('Baseline')}</th>
          <th>{trans.__('Current')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>{trans.__('Inferred type')}</td>
          <td>{typeOf(feature.baseline)}</td>
          <td>{typeOf(feature.current)}</td>
        </tr>
        {rows.map(row => (
          <tr key={row.statistic} data-statistic={row.statistic}>
            <td>{statisticLabel(row.statistic, trans)}</td>
            <td>{formatNumber(row.baseline)}</td>
            <td>{formatNumber(row.current)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Links(props: {
  links: IExecutionLinks;
  trans: TranslationBundle;
  onOpenTrialComponent?: (name: string) => void;
}): JSX.Element {
  const { links, trans, onOpenTrialComponent } = props;
  const rows: [string, string | null][] = [
    [trans.__('Baseline dataset'), links.baselineDatasetUri],
    [trans.__('Baseline statistics'), links.baselineStatisticsUri],
    [trans.__('Monitoring report'), links.reportUri]
  ];
  const trialComponentName = links.trialComponentName;
  return (
    <>
      <h4>{trans.__('Baseline, report and model')}</h4>
      <table className="jp-ChurnStudio-monitoringFacts jp-ChurnStudio-executionLinks">
        <tbody>
          {rows.map(([label, uri]) => (
            <tr key={label}>
              <th>{label}</th>
              <td>{uri ? <code>{uri}</code> : <span className="jp-ChurnStudio-muted">{trans.__('unknown')}</span>}</td>
            </tr>
          ))}
          {trialComponentName && onOpenTrialComponent && (
            <tr>
              <th>{trans.__('Model training trial')}</th>
              <td>
                <button
                  className="jp-ChurnStudio-linkButton"
                  title={trans.__('Open the trial component that trained the endpoint model in Trial Details')}
                  onClick={() => onOpenTrialComponent(trialComponentName)}
                >
                  {trialComponentName}
                </button>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
