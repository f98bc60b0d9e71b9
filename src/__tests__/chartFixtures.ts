import { IMetricSeries, IMetricSummary, ITrialComponentDetail } from '../api';

/**
 * Builds a three-step series whose min and max are 0.3, 0.2 and 0.1. `changes` override single
 * fields.
 */
export function metricSeries(
  trialComponentName: string,
  metricName: string,
  changes: Partial<IMetricSeries> = {}
): IMetricSeries {
  return {
    trialComponentName,
    metricName,
    xAxis: 'step',
    totalPoints: 3,
    downsampled: false,
    truncated: false,
    x: [0, 1, 2],
    min: [0.3, 0.2, 0.1],
    max: [0.3, 0.2, 0.1],
    ...changes
  };
}

/**
 * Builds a metric summary whose statistics are derived from `last`, so tests can tell them apart.
 */
export function summary(last: number, count = 20): IMetricSummary {
  return { min: last - 0.01, max: last + 0.2, avg: last + 0.05, stdDev: 0.02, last, count };
}

/**
 * Builds a trial component as `GET trial-components/<name>` returns it.
 */
export function component(
  name: string,
  overrides: Partial<ITrialComponentDetail> = {}
): ITrialComponentDetail {
  return {
    name,
    displayName: 'Training',
    arn: `arn:aws:sagemaker:local:000000000000:experiment-trial-component/${name}`,
    status: 'Completed',
    statusMessage: null,
    type: 'Training job',
    sourceArn: `arn:aws:sagemaker:local:000000000000:training-job/${name.replace('-aws-training-job', '')}`,
    experiments: ['churn'],
    trials: ['trial-1'],
    created: '2026-12-04T20:00:00+00:00',
    lastModified: '2026-12-04T20:05:00+00:00',
    startTime: '2026-12-04T20:00:05+00:00',
    endTime: '2026-12-04T20:04:00+00:00',
    parameters: {},
    metrics: {},
    inputArtifacts: {},
    outputArtifacts: {},
    parents: [{ trialName: 'trial-1', experimentName: 'churn' }],
    tags: {},
    metadataProperties: {},
    trainingJob: null,
    ...overrides
  };
}

/**
 * Three tour-like training components: min_child_weight 2, 4 and 10 as strings, as training jobs
 * store hyperparameters, and validation:error ending at 0.074, 0.068 and 0.063.
 */
export const TOUR_COMPONENTS: ITrialComponentDetail[] = [
  component('churn-mcw-2-aws-training-job', {
    parameters: { min_child_weight: '2', objective: 'binary:logistic', 'SageMaker.InstanceCount': 1 },
    metrics: { 'validation:error': summary(0.074), 'train:error': summary(0.05) }
  }),
  component('churn-mcw-4-aws-training-job', {
    parameters: { min_child_weight: '4', objective: 'binary:logistic', 'SageMaker.InstanceCount': 1 },
    metrics: { 'validation:error': summary(0.068), 'train:error': summary(0.045) }
  }),
  component('churn-mcw-10-aws-training-job', {
    parameters: { min_child_weight: '10', objective: 'binary:logistic', 'SageMaker.InstanceCount': 1 },
    metrics: { 'validation:error': summary(0.063), 'train:error': summary(0.04) }
  })
];
