import { Clipboard } from '@jupyterlab/apputils';
import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IMetricSeries, ITrialComponentDetail } from '../api';
import { DebugRuleDetails } from './DebugRuleDetails';
import { DebugRuleWithConfiguration } from './ruleOutcome';
import { MetricChart } from './MetricChart';
import {
  artifactRows,
  AwsSettingField,
  awsSettingRows,
  metricRows,
  parameterRows
} from './tabData';

/**
 * Formats a number for a table cell: up to six significant digits, or an empty cell for null.
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return '';
  }
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/**
 * Formats an ISO time as the browser's local date and time, or an empty cell for null.
 */
export function formatTime(value: string | null): string {
  return value ? Time.format(value) : '';
}

/**
 * Returns the display text of a Debugger `RuleEvaluationStatus`, e.g. "No Issues Found".
 */
export function ruleStatusText(status: string | null, trans: TranslationBundle): string {
  switch (status) {
    case 'NoIssuesFound':
      return trans.__('No Issues Found');
    case 'IssuesFound':
      return trans.__('Issues Found');
    case 'InProgress':
      return trans.__('In Progress');
    case 'Error':
      return trans.__('Error');
    case 'Stopping':
      return trans.__('Stopping');
    case 'Stopped':
      return trans.__('Stopped');
    default:
      return status ?? '';
  }
}

function Message(props: { children: React.ReactNode }): JSX.Element {
  return <p className="jp-ChurnStudio-detailsMessage">{props.children}</p>;
}

export function ChartsTab(props: {
  detail: ITrialComponentDetail;
  series: { [metric: string]: IMetricSeries };
  seriesError: string | null;
  trans: TranslationBundle;
  isLight: boolean;
  themeVersion: number;
}): JSX.Element {
  const { detail, series, seriesError, trans } = props;
  const metrics = Object.keys(detail.metrics).sort();
  if (metrics.length === 0) {
    return <Message>{trans.__('This trial component has no metrics to chart.')}</Message>;
  }
  return (
    <div className="jp-ChurnStudio-metricCharts">
      {seriesError && (
        <div role="alert" className="jp-ChurnStudio-detailsMessage">
          {trans.__('Loading the metric series failed: %1', seriesError)}
        </div>
      )}
      {metrics
        .filter(metric => series[metric])
        .map(metric => (
          <MetricChart
            key={metric}
            series={series[metric]}
            trans={trans}
            isLight={props.isLight}
            themeVersion={props.themeVersion}
          />
        ))}
    </div>
  );
}

export function MetricsTab(props: { detail: ITrialComponentDetail; trans: TranslationBundle }): JSX.Element {
  const { trans } = props;
  const rows = metricRows(props.detail);
  if (rows.length === 0) {
    return <Message>{trans.__('This trial component has no metrics.')}</Message>;
  }
  return (
    <table className="jp-ChurnStudio-detailsTable">
      <thead>
        <tr>
          <th>{trans.__('Name')}</th>
          <th>{trans.__('Min')}</th>
          <th>{trans.__('Max')}</th>
          <th>{trans.__('Avg')}</th>
          <th>{trans.__('Std dev')}</th>
          <th>{trans.__('Last')}</th>
          <th>{trans.__('Count')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(row => (
          <tr key={row.name} data-metric-name={row.name}>
            <td>{row.name}</td>
            <td>{formatNumber(row.min)}</td>
            <td>{formatNumber(row.max)}</td>
            <td>{formatNumber(row.avg)}</td>
            <td>{formatNumber(row.stdDev)}</td>
            <td>{formatNumber(row.last)}</td>
            <td>{formatNumber(row.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ParametersTab(props: { detail: ITrialComponentDetail; trans: TranslationBundle }): JSX.Element {
  const { trans } = props;
  const rows = parameterRows(props.detail);
  if (rows.length === 0) {
    return <Message>{trans.__('This trial component has no parameters.')}</Message>;
  }
  return (
    <table className="jp-ChurnStudio-detailsTable">
      <thead>
        <tr>
          <th>{trans.__('Name')}</th>
          <th>{trans.__('Value')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(row => (
          <tr key={row.name}>
            <td>{row.name}</td>
            <td>{typeof row.value === 'number' ? formatNumber(row.value) : row.value ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ArtifactsTab(props: {
  detail: ITrialComponentDetail;
  serverRoot: string;
  trans: TranslationBundle;
  openPath: (path: string) => void;
}): JSX.Element {
  const { trans, openPath } = props;
  const rows = artifactRows(props.detail, props.serverRoot);
  if (rows.length === 0) {
    return <Message>{trans.__('This trial component has no artifacts.')}</Message>;
  }
  const section = (direction: 'input' | 'output', title: string): JSX.Element => (
    <section>
      <h3>{title}</h3>
      <table className="jp-ChurnStudio-detailsTable">
        <thead>
          <tr>
            <th>{trans.__('Name')}</th>
            <th>{trans.__('Value')}</th>
            <th>{trans.__('Media type')}</th>
          </tr>
        </thead>
        <tbody>
          {rows
            .filter(row => row.direction === direction)
            .map(row => (
              <tr key={row.name}>
                <td>{row.name}</td>
                <td>
                  {row.kind === 'file' && row.path !== null ? (
                    <a
                      href="#"
                      title={trans.__('Open %1 in JupyterLab', row.path)}
                      onClick={event => {
                        event.preventDefault();
                        openPath(row.path!);
                      }}
                    >
                      {row.value}
                    </a>
                  ) : (
                    <code>{row.value}</code>
                  )}
                  {row.kind === 's3' && row.value && (
                    <button
                      className="jp-mod-styled jp-ChurnStudio-copyButton"
                      title={trans.__('Copy the S3 URI')}
                      onClick={() => Clipboard.copyToSystem(row.value!)}
                    >
                      {trans.__('Copy')}
                    </button>
                  )}
                </td>
                <td>{row.mediaType ?? ''}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
  return (
    <div>
      {section('input', trans.__('Input Artifacts'))}
      {section('output', trans.__('Output Artifacts'))}
    </div>
  );
}

export function AwsSettingsTab(props: { detail: ITrialComponentDetail; trans: TranslationBundle }): JSX.Element {
  const { trans } = props;
  const job = props.detail.trainingJob;
  if (!job) {
    return <Message>{trans.__('This trial component has no training job, so it has no AWS settings.')}</Message>;
  }
  const labels: { [field in AwsSettingField]: string } = {
    jobName: trans.__('Job name'),
    jobArn: trans.__('ARN'),
    status: trans.__('Status'),
    secondaryStatus: trans.__('Secondary status'),
    failureReason: trans.__('Failure reason'),
    created: trans.__('Creation time'),
    startTime: trans.__('Training start time'),
    endTime: trans.__('Training end time'),
    trainingSeconds: trans.__('Training time (seconds)'),
    billableSeconds: trans.__('Billable time (seconds)'),
    instanceType: trans.__('Instance type'),
    instanceCount: trans.__('Instance count')
  };
  const timeFields = new Set<AwsSettingField>(['created', 'startTime', 'endTime']);
  return (
    <table className="jp-ChurnStudio-detailsTable jp-ChurnStudio-awsSettings">
      <tbody>
        {awsSettingRows(job).map(row => (
          <tr key={row.field} data-field={row.field}>
            <th scope="row">{labels[row.field]}</th>
            <td>{timeFields.has(row.field) ? formatTime(row.value as string | null) : row.value ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The Debugger tab: the rule table, and the details of the rule whose name was clicked.
 */
export function DebuggerTab(props: { detail: ITrialComponentDetail; trans: TranslationBundle }): JSX.Element {
  const { trans } = props;
  const rules = (props.detail.trainingJob?.debugRules ?? []) as DebugRuleWithConfiguration[];
  const [selected, setSelected] = React.useState<string | null>(null);
  if (rules.length === 0) {
    return <Message>{trans.__('This trial component has no Debugger rules.')}</Message>;
  }
  const selectedRule = rules.find(rule => rule.name !== null && rule.name === selected) ?? null;

  return (
    <>
      <table className="jp-ChurnStudio-detailsTable jp-ChurnStudio-debugRules">
        <thead>
          <tr>
            <th>{trans.__('Rule name')}</th>
            <th>{trans.__('Status')}</th>
            <th>{trans.__('Last modified')}</th>
            <th>{trans.__('Details')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map(rule => (
            <tr
              key={rule.name ?? ''}
              data-rule-name={rule.name ?? ''}
              aria-selected={rule === selectedRule}
              className={rule === selectedRule ? 'jp-mod-selected' : undefined}
            >
              <td>
                <button
                  type="button"
                  className="jp-ChurnStudio-linkButton jp-ChurnStudio-ruleSelect"
                  title={trans.__('Show the Debugger details of %1', rule.name ?? '')}
                  aria-pressed={rule === selectedRule}
                  onClick={() => setSelected(rule === selectedRule ? null : rule.name)}
                >
                  {rule.name}
                </button>
              </td>
              <td className="jp-ChurnStudio-ruleStatus" data-status={rule.status ?? ''}>
                {ruleStatusText(rule.status, trans)}
              </td>
              <td title={formatTime(rule.lastModified)}>
                {rule.lastModified ? Time.formatHuman(rule.lastModified) : ''}
              </td>
              <td className="jp-ChurnStudio-ruleDetails">{rule.details ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selectedRule ? (
        <DebugRuleDetails rule={selectedRule} statusText={ruleStatusText(selectedRule.status, trans)} trans={trans} />
      ) : (
        <Message>{trans.__('Select a rule name to see its Debugger details.')}</Message>
      )}
    </>
  );
}

export function TrialMappingsTab(props: { detail: ITrialComponentDetail; trans: TranslationBundle }): JSX.Element {
  const { trans } = props;
  const parents = props.detail.parents;
  if (parents.length === 0) {
    return <Message>{trans.__('This trial component belongs to no trial.')}</Message>;
  }
  return (
    <table className="jp-ChurnStudio-detailsTable">
      <thead>
        <tr>
          <th>{trans.__('Experiment')}</th>
          <th>{trans.__('Trial')}</th>
        </tr>
      </thead>
      <tbody>
        {parents.map(parent => (
          <tr key={`${parent.experimentName}/${parent.trialName}`}>
            <td>{parent.experimentName ?? ''}</td>
            <td>{parent.trialName ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
