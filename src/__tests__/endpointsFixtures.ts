import { IEndpoint } from '../endpoints/endpointsApi';

/**
 * Builds an endpoint row of the list as the server returns it.
 */
export function endpoint(name: string, status: string, extra: Partial<IEndpoint> = {}): IEndpoint {
  return {
    name,
    arn: `arn:aws:sagemaker:local:000000000000:endpoint/${name}`,
    status,
    creationTime: '2026-12-04T20:31:05+00:00',
    lastModifiedTime: '2026-12-04T20:31:05+00:00',
    modelName: name,
    trialComponentName: 'churn-tc-4-aws-training-job',
    failureReason: null,
    ...extra
  };
}
