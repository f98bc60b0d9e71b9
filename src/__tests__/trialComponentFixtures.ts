import { ITrialComponentPage, ITrialComponentQuery, ITrialComponentRow } from '../api';

/**
 * Builds a trial component row with one parameter and one metric.
 */
export function row(
  name: string,
  options: { status?: string; minChildWeight?: number; error?: number; trial?: string } = {}
): ITrialComponentRow {
  const error = options.error ?? 0.1;
  return {
    name,
    displayName: `${name}-display`,
    arn: `arn:aws:sagemaker:local:000000000000:experiment-trial-component/${name}`,
    status: options.status ?? 'Completed',
    statusMessage: null,
    type: 'Training job',
    sourceArn: null,
    experiments: ['churn-tour'],
    trials: [options.trial ?? 'trial-1'],
    created: '2026-12-04T20:31:05.123000+00:00',
    lastModified: '2026-12-04T20:41:05.123000+00:00',
    startTime: null,
    endTime: null,
    parameters: { min_child_weight: options.minChildWeight ?? 1 },
    metrics: {
      'validation:error': { min: error / 2, max: error * 2, avg: error, stdDev: 0.01, last: error, count: 10 }
    }
  };
}

/**
 * A server of `total` rows named `tc-00000`, `tc-00001`, … that pages by an offset cursor and
 * records every query. Replies wait until the test calls `flush`, so it can order them.
 */
export class PagingSource {
  constructor(readonly total: number) {}

  queries: ITrialComponentQuery[] = [];
  pending: { query: ITrialComponentQuery; resolve: () => void; reject: (error: Error) => void }[] = [];
  status = 'Completed';
  artifacts: { [name: string]: { [artifact: string]: { value: string; mediaType: string | null } } } = {};

  listTrialComponents(query: ITrialComponentQuery): Promise<ITrialComponentPage> {
    this.queries.push(query);
    return new Promise((resolve, reject) => {
      const reply = (): void => {
        const start = query.cursor ? Number(query.cursor) : 0;
        const limit = query.limit ?? 50;
        const end = Math.min(this.total, start + limit);
        const items: ITrialComponentRow[] = [];
        for (let index = start; index < end; index++) {
          items.push(row(`tc-${String(index).padStart(5, '0')}`, { status: this.status }));
        }
        resolve({
          items,
          total: this.total,
          totalRelation: 'EqualTo',
          nextCursor: end < this.total ? String(end) : null,
          parameterNames: items.length ? ['min_child_weight'] : [],
          metricNames: items.length ? ['validation:error'] : []
        });
      };
      this.pending.push({ query, resolve: reply, reject });
    });
  }

  getTrialComponentArtifacts(name: string) {
    return Promise.resolve({ inputArtifacts: {}, outputArtifacts: this.artifacts[name] ?? {} });
  }

  /**
   * Resolves every pending request in order, including the requests that the replies cause.
   */
  async flush(): Promise<void> {
    for (let round = 0; round < 10000 && this.pending.length > 0; round++) {
      this.pending.shift()!.resolve();
      await settle();
    }
  }
}

/**
 * Lets pending promise callbacks run.
 */
export async function settle(): Promise<void> {
  for (let index = 0; index < 5; index++) {
    await Promise.resolve();
  }
}
