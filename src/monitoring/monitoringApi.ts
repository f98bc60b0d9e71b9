import { ServerConnection } from '@jupyterlab/services';

import { ChurnStudioApi } from '../api';

/**
 * The last execution of a monitoring schedule, as the schedule list returns it.
 */
export interface IScheduleLastExecution {
  status: string | null;
  scheduledTime: string | null;
  processingJobName: string | null;
  failureReason: string | null;
}

/**
 * The baseline files that a schedule compares each window against.
 */
export interface IScheduleBaseline {
  statisticsUri: string | null;
  constraintsUri: string | null;
  baseliningJobName: string | null;
}

/**
 * A data-quality monitoring schedule of an endpoint. `status` is SageMaker's
 * `ScheduleStatus`: `Pending`, `Scheduled`, `Failed` or `Stopped`. Times are ISO 8601 in UTC.
 */
export interface IMonitoringSchedule {
  name: string;
  arn: string | null;
  status: string | null;
  scheduleExpression: string | null;
  monitoringType: string | null;
  creationTime: string | null;
  lastModifiedTime: string | null;
  lastExecution: IScheduleLastExecution | null;
  baseline: IScheduleBaseline | null;
}

/**
 * One monitoring execution. `status` is SageMaker's `MonitoringExecutionStatus`: `Pending`,
 * `InProgress`, `Completed`, `CompletedWithViolations`, `Failed`, `Stopping` or `Stopped`.
 * `processingJobName` can be null while the execution is `Pending`.
 */
export interface IMonitoringExecution {
  scheduleName: string;
  scheduledTime: string | null;
  creationTime: string | null;
  lastModifiedTime: string | null;
  status: string | null;
  processingJobName: string | null;
  failureReason: string | null;
  exitMessage: string | null;
  violationCount: number | null;
}

/**
 * One entry of an execution's `constraint_violations.json`.
 */
export interface IConstraintViolation {
  featureName: string;
  checkType: string;
  description: string;
}

/**
 * One bucket of a numeric feature's KLL distribution, in the snake case of `statistics.json`.
 */
export interface INumericBucket {
  lower_bound: number;
  upper_bound: number;
  count: number;
}

/**
 * One value of a string feature's categorical distribution.
 */
export interface ICategoricalBucket {
  value: string;
  count: number;
}

/**
 * The statistics of one feature as `statistics.json` writes them. Only the fields that the
 * view reads are typed; the rest pass through.
 */
export interface IFeatureStatistics {
  name: string;
  inferred_type?: string;
  numerical_statistics?: {
    common?: { num_present?: number; num_missing?: number };
    mean?: number;
    std_dev?: number;
    min?: number;
    max?: number;
    distribution?: { kll?: { buckets?: INumericBucket[] } };
  };
  string_statistics?: {
    common?: { num_present?: number; num_missing?: number };
    distinct_count?: number;
    distribution?: { categorical?: { buckets?: ICategoricalBucket[] } };
  };
}

/**
 * One feature's baseline and current statistics. Either side is null when the feature is
 * missing from that side's `statistics.json`, e.g. after a missing or extra column.
 */
export interface IFeatureComparison {
  name: string;
  inferredType: string | null;
  baseline: IFeatureStatistics | null;
  current: IFeatureStatistics | null;
}

/**
 * The locations of an execution's inputs and outputs. `trialComponentName` is the trial
 * component of the training job whose model the endpoint serves, or null when unknown.
 */
export interface IExecutionLinks {
  baselineDatasetUri: string | null;
  baselineStatisticsUri: string | null;
  reportUri: string | null;
  endpointName: string | null;
  trialComponentName: string | null;
}

/**
 * The reply of `GET monitoring-executions/<processing job name>`.
 */
export interface IExecutionDetail {
  execution: IMonitoringExecution;
  violations: IConstraintViolation[];
  features: IFeatureComparison[];
  links: IExecutionLinks;
}

/**
 * The body of `POST monitoring-schedules`. `scheduleExpression` is `hourly`, `daily` or a
 * `cron(...)` expression. The baseline is either `baselineJobName` or both URIs.
 */
export interface ICreateScheduleRequest {
  endpointName: string;
  scheduleName: string;
  scheduleExpression: string;
  baselineJobName?: string;
  statisticsUri?: string;
  constraintsUri?: string;
  outputUri?: string;
}

/**
 * One endpoint of `GET endpoints`; only the fields that monitoring reads.
 */
export interface IEndpointSummary {
  name: string;
  status: string | null;
}

/**
 * The server calls of the Monitoring tab; `MonitoringApi` implements them.
 */
export interface IMonitoringSource {
  listSchedules(endpointName: string): Promise<IMonitoringSchedule[]>;
  listExecutions(endpointName: string): Promise<IMonitoringExecution[]>;
  getExecution(processingJobName: string): Promise<IExecutionDetail>;
  createSchedule(request: ICreateScheduleRequest): Promise<IMonitoringSchedule>;
  runSchedule(scheduleName: string): Promise<IMonitoringExecution>;
  stopSchedule(scheduleName: string): Promise<IMonitoringSchedule>;
  startSchedule(scheduleName: string): Promise<IMonitoringSchedule>;
  deleteSchedule(scheduleName: string): Promise<void>;
}

/**
 * The typed client of the monitoring routes of the server extension.
 */
export class MonitoringApi implements IMonitoringSource {
  constructor(options: ChurnStudioApi.IOptions = {}) {
    this._api = new ChurnStudioApi(options);
  }

  get serverSettings(): ServerConnection.ISettings {
    return this._api.serverSettings;
  }

  /**
   * Lists the endpoints, for the notifications that watch every endpoint.
   */
  async listEndpoints(): Promise<IEndpointSummary[]> {
    const reply = await this.request<{ endpoints: IEndpointSummary[] }>('endpoints');
    return reply.endpoints;
  }

  async listSchedules(endpointName: string): Promise<IMonitoringSchedule[]> {
    const reply = await this.request<{ schedules: IMonitoringSchedule[] }>(
      `endpoints/${encodeURIComponent(endpointName)}/monitoring-schedules`
    );
    return reply.schedules;
  }

  /**
   * Lists an endpoint's monitoring executions; the server sends them newest first.
   */
  async listExecutions(endpointName: string): Promise<IMonitoringExecution[]> {
    const reply = await this.request<{ executions: IMonitoringExecution[] }>(
      `endpoints/${encodeURIComponent(endpointName)}/monitoring-executions`
    );
    return reply.executions;
  }

  /**
   * Fetches one execution with its violations and per-feature statistics.
   */
  async getExecution(processingJobName: string): Promise<IExecutionDetail> {
    return this.request<IExecutionDetail>(
      `monitoring-executions/${encodeURIComponent(processingJobName)}`
    );
  }

  async createSchedule(request: ICreateScheduleRequest): Promise<IMonitoringSchedule> {
    return this.request<IMonitoringSchedule>('monitoring-schedules', {
      method: 'POST',
      body: JSON.stringify(request)
    });
  }

  /**
   * Starts one execution of a schedule now. The server replies once the execution exists, before
   * it ends.
   */
  async runSchedule(scheduleName: string): Promise<IMonitoringExecution> {
    const reply = await this.request<{ execution: IMonitoringExecution }>(
      `monitoring-schedules/${encodeURIComponent(scheduleName)}/run`,
      { method: 'POST' }
    );
    return reply.execution;
  }

  async stopSchedule(scheduleName: string): Promise<IMonitoringSchedule> {
    return this.request<IMonitoringSchedule>(
      `monitoring-schedules/${encodeURIComponent(scheduleName)}/stop`,
      { method: 'POST' }
    );
  }

  async startSchedule(scheduleName: string): Promise<IMonitoringSchedule> {
    return this.request<IMonitoringSchedule>(
      `monitoring-schedules/${encodeURIComponent(scheduleName)}/start`,
      { method: 'POST' }
    );
  }

  async deleteSchedule(scheduleName: string): Promise<void> {
    await this.request<null>(`monitoring-schedules/${encodeURIComponent(scheduleName)}`, {
      method: 'DELETE'
    });
  }

  /**
   * Sends a request below the API namespace through `ChurnStudioApi.requestJson`, which parses
   * an empty body to null and throws `ApiNetworkError` or `ApiError`.
   */
  async request<T>(endpoint: string, init: RequestInit = {}): Promise<T> {
    return this._api.requestJson<T>(endpoint, init);
  }

  private _api: ChurnStudioApi;
}
