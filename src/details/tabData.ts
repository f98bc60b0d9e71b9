import { IDebugRule, IMetricSummary, ITrainingJob, ITrialComponentDetail } from '../api';

/**
 * One row of the Metrics tab.
 */
export interface IMetricRow extends IMetricSummary {
  name: string;
}

/**
 * One row of the Parameters tab.
 */
export interface IParameterRow {
  name: string;
  value: string | number | null;
}

/**
 * The display kind of an artifact value. The Artifacts tab shows S3 URIs as text with a copy
 * button, paths under the Jupyter server's root as links that open in JupyterLab, and anything
 * else as text.
 */
export type ArtifactKind = 's3' | 'file' | 'other';

/**
 * One row of the Artifacts tab. `path` is the path relative to the server root for `file` rows.
 */
export interface IArtifactRow {
  direction: 'input' | 'output';
  name: string;
  value: string | null;
  mediaType: string | null;
  kind: ArtifactKind;
  path: string | null;
}

/**
 * The fields of the AWS Settings tab, in display order.
 */
export type AwsSettingField =
  | 'jobName'
  | 'jobArn'
  | 'status'
  | 'secondaryStatus'
  | 'failureReason'
  | 'created'
  | 'startTime'
  | 'endTime'
  | 'trainingSeconds'
  | 'billableSeconds'
  | 'instanceType'
  | 'instanceCount';

/**
 * One row of the AWS Settings tab. Times are ISO 8601 strings.
 */
export interface IAwsSettingRow {
  field: AwsSettingField;
  value: string | number | null;
}

/**
 * The Debugger verdict of a training job over all its rules.
 */
export type DebuggerVerdict = 'none' | 'pass' | 'issuesFound' | 'inProgress' | 'error';

const IN_PROGRESS_STATUSES = new Set(['InProgress', 'Stopping']);

export function metricRows(detail: ITrialComponentDetail): IMetricRow[] {
  return Object.keys(detail.metrics)
    .sort()
    .map(name => ({ name, ...detail.metrics[name] }));
}

export function parameterRows(detail: ITrialComponentDetail): IParameterRow[] {
  return Object.keys(detail.parameters)
    .sort()
    .map(name => ({ name, value: detail.parameters[name] }));
}

/**
 * Returns the path of a `file://` URI or an absolute path relative to `serverRoot`, or null when
 * it lies outside the root or is no local path.
 */
export function pathUnderRoot(value: string, serverRoot: string): string | null {
  let path = value;
  if (path.startsWith('file://')) {
    path = decodeURIComponent(path.slice('file://'.length));
  }
  if (!path.startsWith('/') || !serverRoot.startsWith('/')) {
    return null;
  }
  const root = serverRoot.endsWith('/') ? serverRoot : `${serverRoot}/`;
  if (!path.startsWith(root) || path.split('/').includes('..')) {
    return null;
  }
  return path.slice(root.length) || null;
}

/**
 * Lists the input artifacts, then the output artifacts, each sorted by name.
 */
export function artifactRows(detail: ITrialComponentDetail, serverRoot: string): IArtifactRow[] {
  const rows: IArtifactRow[] = [];
  const sides: ['input' | 'output', ITrialComponentDetail['inputArtifacts']][] = [
    ['input', detail.inputArtifacts],
    ['output', detail.outputArtifacts]
  ];
  for (const [direction, artifacts] of sides) {
    for (const name of Object.keys(artifacts).sort()) {
      const { value, mediaType } = artifacts[name];
      const path = value ? pathUnderRoot(value, serverRoot) : null;
      let kind: ArtifactKind = 'other';
      if (value?.startsWith('s3://')) {
        kind = 's3';
      } else if (path !== null) {
        kind = 'file';
      }
      rows.push({ direction, name, value, mediaType, kind, path });
    }
  }
  return rows;
}

export function awsSettingRows(job: ITrainingJob): IAwsSettingRow[] {
  const values: [AwsSettingField, string | number | null][] = [
    ['jobName', job.name],
    ['jobArn', job.arn],
    ['status', job.status],
    ['secondaryStatus', job.secondaryStatus],
    ['failureReason', job.failureReason],
    ['created', job.created],
    ['startTime', job.startTime],
    ['endTime', job.endTime],
    ['trainingSeconds', job.trainingSeconds],
    ['billableSeconds', job.billableSeconds],
    ['instanceType', job.instanceType],
    ['instanceCount', job.instanceCount]
  ];
  // A failure reason only exists for failed jobs, so an empty one is left out.
  return values
    .filter(([field, value]) => field !== 'failureReason' || value)
    .map(([field, value]) => ({ field, value }));
}

/**
 * Combines the rule statuses: an error or an issue wins, then a running rule, else a pass.
 */
export function debuggerVerdict(rules: IDebugRule[]): DebuggerVerdict {
  if (rules.length === 0) {
    return 'none';
  }
  const statuses = rules.map(rule => rule.status);
  if (statuses.includes('Error')) {
    return 'error';
  }
  if (statuses.includes('IssuesFound')) {
    return 'issuesFound';
  }
  if (statuses.every(status => status === 'NoIssuesFound')) {
    return 'pass';
  }
  return 'inProgress';
}

/**
 * Returns whether the component or its training job may still change, so the view keeps polling.
 * That is the case while the component or job runs or a rule is still being evaluated.
 */
export function isInProgress(detail: ITrialComponentDetail): boolean {
  if (detail.status && IN_PROGRESS_STATUSES.has(detail.status)) {
    return true;
  }
  const job = detail.trainingJob;
  if (!job) {
    return false;
  }
  if (job.status && IN_PROGRESS_STATUSES.has(job.status)) {
    return true;
  }
  return job.debugRules.some(rule => rule.status === 'InProgress' || rule.status === 'Stopping');
}
