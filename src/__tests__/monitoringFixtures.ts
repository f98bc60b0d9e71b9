import {
  ICreateScheduleRequest,
  IExecutionDetail,
  IFeatureStatistics,
  IMonitoringExecution,
  IMonitoringSchedule,
  IMonitoringSource
} from '../monitoring/monitoringApi';

/**
 * Builds a monitoring execution of the tour's schedule. `changes` override single fields.
 */
export function execution(changes: Partial<IMonitoringExecution> = {}): IMonitoringExecution {
  return {
    scheduleName: 'churn-schedule',
    scheduledTime: '2026-12-04T10:00:00Z',
    creationTime: '2026-12-04T10:03:00Z',
    lastModifiedTime: '2026-12-04T10:05:00Z',
    status: 'CompletedWithViolations',
    processingJobName: 'model-monitoring-202612041000-abc',
    failureReason: null,
    exitMessage: 'CompletedWithViolations: Job completed successfully with 2 violations.',
    violationCount: 2,
    ...changes
  };
}

/**
 * Builds an hourly schedule of the endpoint `churn-endpoint`.
 */
export function schedule(changes: Partial<IMonitoringSchedule> = {}): IMonitoringSchedule {
  return {
    name: 'churn-schedule',
    arn: 'arn:aws:sagemaker:local:000000000000:monitoring-schedule/churn-schedule',
    status: 'Scheduled',
    scheduleExpression: 'cron(0 * ? * * *)',
    monitoringType: 'DataQuality',
    creationTime: '2026-12-04T09:00:00Z',
    lastModifiedTime: '2026-12-04T09:00:00Z',
    lastExecution: null,
    baseline: {
      statisticsUri: 's3://bucket/baselining/results/statistics.json',
      constraintsUri: 's3://bucket/baselining/results/constraints.json',
      baseliningJobName: 'baseline-job'
    },
    ...changes
  };
}

/**
 * Builds the statistics of a numeric feature with the given KLL buckets.
 */
export function numericFeature(name: string, buckets: [number, number, number][]): IFeatureStatistics {
  const count = buckets.reduce((sum, [, , bucketCount]) => sum + bucketCount, 0);
  return {
    name,
    inferred_type: 'Fractional',
    numerical_statistics: {
      common: { num_present: count, num_missing: 0 },
      mean: 1.5,
      std_dev: 0.5,
      min: buckets[0]?.[0],
      max: buckets[buckets.length - 1]?.[1],
      distribution: {
        kll: {
          buckets: buckets.map(([lower, upper, bucketCount]) => ({
            lower_bound: lower,
            upper_bound: upper,
            count: bucketCount
          }))
        }
      }
    }
  };
}

/**
 * Builds the statistics of a string feature with the given value counts.
 */
export function stringFeature(name: string, counts: { [value: string]: number }): IFeatureStatistics {
  const values = Object.entries(counts);
  return {
    name,
    inferred_type: 'String',
    string_statistics: {
      common: { num_present: values.reduce((sum, [, count]) => sum + count, 0), num_missing: 0 },
      distinct_count: values.length,
      distribution: { categorical: { buckets: values.map(([value, count]) => ({ value, count })) } }
    }
  };
}

/**
 * Builds the report of `execution()`, with two violations on `Day Mins` and `Churn`.
 */
export function executionDetail(changes: Partial<IMonitoringExecution> = {}): IExecutionDetail {
  return {
    execution: execution(changes),
    violations: [
      {
        featureName: 'Churn',
        checkType: 'data_type_check',
        description: 'Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only 0.0% of data is Integral.'
      },
      {
        featureName: 'Day Mins',
        checkType: 'baseline_drift_check',
        description: 'Numerical distance: 0.62 exceeds numerical threshold: 0.1'
      }
    ],
    features: [
      {
        name: 'Account Length',
        inferredType: 'Integral',
        baseline: numericFeature('Account Length', [[1, 100, 50], [100, 243, 50]]),
        current: numericFeature('Account Length', [[1, 100, 5], [100, 243, 5]])
      },
      {
        name: 'Day Mins',
        inferredType: 'Fractional',
        baseline: numericFeature('Day Mins', [[0, 175, 30], [175, 350, 10]]),
        current: numericFeature('Day Mins', [[350, 700, 4], [700, 1050, 16]])
      },
      {
        name: 'Churn',
        inferredType: 'Integral',
        baseline: numericFeature('Churn', [[0, 0.5, 80], [0.5, 1, 20]]),
        current: null
      }
    ],
    links: {
      baselineDatasetUri: 's3://bucket/baselining/data/training-dataset-with-header.csv',
      baselineStatisticsUri: 's3://bucket/baselining/results/statistics.json',
      reportUri: 's3://bucket/reports/churn-endpoint/churn-schedule/2026/12/04/10',
      endpointName: 'churn-endpoint',
      trialComponentName: 'churn-job-1-aws-training-job'
    }
  };
}

/**
 * A monitoring source that returns queued replies in order and records every call. The last
 * reply of a queue repeats; an `Error` reply is thrown.
 */
export class QueuedMonitoringSource implements IMonitoringSource {
  schedules: (IMonitoringSchedule[] | Error)[] = [[schedule()]];
  executions: (IMonitoringExecution[] | Error)[] = [[]];
  details: { [jobName: string]: (IExecutionDetail | Error)[] } = {};
  runReply: IMonitoringExecution | Error = execution({ status: 'Pending', processingJobName: null });
  actionError: Error | null = null;

  calls: string[] = [];
  created: ICreateScheduleRequest[] = [];

  private _counts: { [name: string]: number } = {};

  async listSchedules(endpointName: string): Promise<IMonitoringSchedule[]> {
    this.calls.push(`listSchedules ${endpointName}`);
    return this._next('schedules', this.schedules);
  }

  async listExecutions(endpointName: string): Promise<IMonitoringExecution[]> {
    this.calls.push(`listExecutions ${endpointName}`);
    return this._next('executions', this.executions);
  }

  async getExecution(processingJobName: string): Promise<IExecutionDetail> {
    this.calls.push(`getExecution ${processingJobName}`);
    const queue = this.details[processingJobName] ?? [new Error(`Execution "${processingJobName}" not found`)];
    return this._next(`detail ${processingJobName}`, queue);
  }

  async createSchedule(request: ICreateScheduleRequest): Promise<IMonitoringSchedule> {
    this.calls.push(`createSchedule ${request.scheduleName}`);
    this._throwActionError();
    this.created.push(request);
    return schedule({ name: request.scheduleName });
  }

  async runSchedule(scheduleName: string): Promise<IMonitoringExecution> {
    this.calls.push(`runSchedule ${scheduleName}`);
    this._throwActionError();
    if (this.runReply instanceof Error) {
      throw this.runReply;
    }
    return this.runReply;
  }

  async stopSchedule(scheduleName: string): Promise<IMonitoringSchedule> {
    this.calls.push(`stopSchedule ${scheduleName}`);
    this._throwActionError();
    return schedule({ name: scheduleName, status: 'Stopped' });
  }

  async startSchedule(scheduleName: string): Promise<IMonitoringSchedule> {
    this.calls.push(`startSchedule ${scheduleName}`);
    this._throwActionError();
    return schedule({ name: scheduleName });
  }

  async deleteSchedule(scheduleName: string): Promise<void> {
    this.calls.push(`deleteSchedule ${scheduleName}`);
    this._throwActionError();
  }

  /**
   * Returns how many times `name` was called, e.g. `listExecutions`.
   */
  count(name: string): number {
    return this.calls.filter(call => call.startsWith(`${name} `)).length;
  }

  private _next<T>(name: string, queue: (T | Error)[]): T {
    const index = this._counts[name] ?? 0;
    this._counts[name] = index + 1;
    const reply = queue[Math.min(index, queue.length - 1)];
    if (reply instanceof Error) {
      throw reply;
    }
    return reply;
  }

  private _throwActionError(): void {
    if (this.actionError) {
      throw this.actionError;
    }
  }
}
