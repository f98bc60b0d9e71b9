import { IExperiment } from '../api';

/**
 * Builds a local-backend experiment created and last modified at the same instant.
 */
export function experiment(name: string, displayName: string, trialCount: number): IExperiment {
  return {
    name,
    displayName,
    arn: `arn:aws:sagemaker:local:000000000000:experiment/${name}`,
    description: null,
    created: '2026-12-04T20:31:05.123000+00:00',
    lastModified: '2026-12-04T20:31:05.123000+00:00',
    trialCount
  };
}
