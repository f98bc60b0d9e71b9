import { IDebugRule, ITrainingJob } from '../api';

/**
 * Builds a rule status as the server returns it.
 */
export function rule(name: string, status: string, details: string | null = null): IDebugRule {
  return {
    name,
    status,
    details,
    ruleEvaluationJobArn: `arn:aws:sagemaker:local:000000000000:processing-job/job-${name.toLowerCase()}`,
    lastModified: '2026-12-04T20:04:00+00:00'
  };
}

/**
 * Builds a completed training job with the tour's three rules passing.
 */
export function trainingJob(overrides: Partial<ITrainingJob> = {}): ITrainingJob {
  return {
    name: 'churn-job',
    arn: 'arn:aws:sagemaker:local:000000000000:training-job/churn-job',
    status: 'Completed',
    secondaryStatus: 'Completed',
    failureReason: null,
    created: '2026-12-04T20:00:00+00:00',
    startTime: '2026-12-04T20:00:05+00:00',
    endTime: '2026-12-04T20:03:00+00:00',
    lastModified: '2026-12-04T20:04:00+00:00',
    trainingSeconds: 175,
    billableSeconds: 175,
    instanceType: 'ml.m4.xlarge',
    instanceCount: 1,
    debugRules: [
      rule('LossNotDecreasing', 'NoIssuesFound'),
      rule('Overtraining', 'NoIssuesFound'),
      rule('Overfit', 'NoIssuesFound')
    ],
    ...overrides
  };
}
