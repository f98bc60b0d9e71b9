import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/**
 * The path of the REST API below the Jupyter server's base URL.
 */
export const API_NAMESPACE = 'churn-studio/api';

/**
 * The reply of `GET status`: which backend the server extension uses.
 */
export interface IServerStatus {
  backend: 'local' | 'aws';
  version: string;
  home: string | null;
  region: string | null;
}

/**
 * A SageMaker experiment, as the server extension returns it. Times are ISO 8601 strings in UTC.
 */
export interface IExperiment {
  name: string;
  displayName: string;
  arn: string;
  description: string | null;
  created: string | null;
  lastModified: string | null;
  trialCount: number;
}

// ---------------------------------------------------------------------------------------------
// Trials and trial components: the Experiments tree and the Trial components list.
// ---------------------------------------------------------------------------------------------

/**
 * A trial of an experiment. Times are ISO 8601 strings in UTC.
 */
export interface ITrial {
  name: string;
  displayName: string;
  arn: string;
  experimentName: string;
  created: string | null;
  lastModified: string | null;
  trialComponentCount: number;
}

/**
 * The summary statistics of one metric of a trial component.
 */
export interface IMetricSummary {
  min: number | null;
  max: number | null;
  avg: number | null;
  stdDev: number | null;
  last: number | null;
  count: number | null;
}

/**
 * One flattened trial component of the list. `type` is `Training job`, `Processing job`, `Run`
 * or `Other`.
 */
export interface ITrialComponentRow {
  name: string;
  displayName: string;
  arn: string | null;
  status: string | null;
  statusMessage: string | null;
  type: string;
  sourceArn: string | null;
  experiments: string[];
  trials: string[];
  created: string | null;
  lastModified: string | null;
  startTime: string | null;
  endTime: string | null;
  parameters: { [name: string]: string | number | null };
  metrics: { [name: string]: IMetricSummary };
}

/**
 * One artifact of a trial component: an S3 or local URI and its media type.
 */
export interface IArtifact {
  value: string | null;
  mediaType: string | null;
}

/**
 * The input and output artifacts of one trial component, from `GET trial-components/<name>`.
 */
export interface ITrialComponentArtifacts {
  inputArtifacts: { [name: string]: IArtifact };
  outputArtifacts: { [name: string]: IArtifact };
}

/**
 * A SageMaker Search filter as the `filter` parameter takes it.
 */
export interface ISearchFilter {
  Name: string;
  Operator: string;
  Value?: string;
}

/**
 * The query of `GET trial-components`. `cursor` is the `nextCursor` of the previous page.
 */
export interface ITrialComponentQuery {
  experiment?: string;
  trial?: string;
  unassigned?: boolean;
  filter?: ISearchFilter[];
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string | null;
}

/**
 * One page of `GET trial-components`. `total` is null when the backend does not count.
 */
export interface ITrialComponentPage {
  items: ITrialComponentRow[];
  total: number | null;
  totalRelation: string | null;
  nextCursor: string | null;
  parameterNames: string[];
  metricNames: string[];
}

// ---------------------------------------------------------------------------------------------
// Trial component details and charts: the training job, Debugger rules and metric series.
// ---------------------------------------------------------------------------------------------

/**
 * One Debugger rule evaluation of a training job (DescribeTrainingJob's
 * `DebugRuleEvaluationStatuses`). `status` is `InProgress`, `NoIssuesFound`, `IssuesFound`,
 * `Error`, `Stopping` or `Stopped`.
 */
export interface IDebugRule {
  name: string | null;
  status: string | null;
  details: string | null;
  ruleEvaluationJobArn: string | null;
  lastModified: string | null;
}

/**
 * The source training job of a trial component, from DescribeTrainingJob. The seconds stay null
 * until the job ends.
 */
export interface ITrainingJob {
  name: string;
  arn: string | null;
  status: string | null;
  secondaryStatus: string | null;
  failureReason: string | null;
  created: string | null;
  startTime: string | null;
  endTime: string | null;
  lastModified: string | null;
  trainingSeconds: number | null;
  billableSeconds: number | null;
  instanceType: string | null;
  instanceCount: number | null;
  debugRules: IDebugRule[];
}

/**
 * The full trial component of `GET trial-components/<name>`. `trainingJob` is null unless the
 * component's source is a training job that still exists.
 */
export interface ITrialComponentDetail extends ITrialComponentRow, ITrialComponentArtifacts {
  parents: { trialName: string | null; experimentName: string | null }[];
  tags: { [key: string]: string };
  metadataProperties: { [key: string]: unknown };
  trainingJob: ITrainingJob | null;
}

/**
 * A metric series downsampled into buckets. `x[i]` is a bucket's first step or timestamp, and
 * `min[i]` and `max[i]` are its extremes, or null when all its values were NaN.
 */
export interface IMetricSeries {
  trialComponentName: string;
  metricName: string;
  xAxis: 'step' | 'time';
  totalPoints: number;
  downsampled: boolean;
  truncated: boolean;
  x: (number | string)[];
  min: (number | null)[];
  max: (number | null)[];
}

/**
 * The options of `ChurnStudioApi.getMetricSeries`.
 */
export interface IMetricSeriesOptions {
  /**
   * The number of buckets, 1 to 10000. The server's default is 1000.
   */
  buckets?: number;
  xAxis?: 'step' | 'time';
}

/**
 * An error reply of the server extension, carrying the HTTP status and the server's message.
 */
export class ApiError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * A request that got no HTTP reply at all, because the server is down or the network failed.
 */
export class ApiNetworkError extends Error {
  constructor(
    readonly url: string,
    message: string
  ) {
    super(message);
    this.name = 'ApiNetworkError';
  }
}

/**
 * The typed client of the server extension's REST API.
 */
export class ChurnStudioApi {
  constructor(options: ChurnStudioApi.IOptions = {}) {
    this.serverSettings = options.serverSettings ?? ServerConnection.makeSettings();
  }

  /**
   * The server settings: base URL, token and the `fetch` to use.
   */
  readonly serverSettings: ServerConnection.ISettings;

  /**
   * Fetches the backend and version of the server extension.
   */
  async getStatus(): Promise<IServerStatus> {
    return this.requestJson<IServerStatus>('status');
  }

  /**
   * Lists experiments, optionally filtered by a case-insensitive text on name or display name.
   */
  async listExperiments(query?: string): Promise<IExperiment[]> {
    const search = query ? URLExt.objectToQueryString({ query }) : '';
    const reply = await this.requestJson<{ experiments: IExperiment[] }>(
      'experiments' + search
    );
    return reply.experiments;
  }

  /**
   * Lists the trials of one experiment.
   */
  async listTrials(experiment: string): Promise<ITrial[]> {
    const reply = await this.requestJson<{ trials: ITrial[] }>(
      `experiments/${encodeURIComponent(experiment)}/trials`
    );
    return reply.trials;
  }

  /**
   * Fetches one page of trial components.
   */
  async listTrialComponents(query: ITrialComponentQuery = {}): Promise<ITrialComponentPage> {
    const parameters: { [key: string]: string } = {};
    if (query.experiment) {
      parameters.experiment = query.experiment;
    }
    if (query.trial) {
      parameters.trial = query.trial;
    }
    if (query.unassigned) {
      parameters.unassigned = 'true';
    }
    if (query.filter && query.filter.length > 0) {
      parameters.filter = JSON.stringify(query.filter);
    }
    if (query.sort) {
      parameters.sort = query.sort;
    }
    if (query.order) {
      parameters.order = query.order;
    }
    if (query.limit !== undefined) {
      parameters.limit = String(query.limit);
    }
    if (query.cursor) {
      parameters.cursor = query.cursor;
    }

    const search = Object.keys(parameters).length > 0 ? URLExt.objectToQueryString(parameters) : '';
    return this.requestJson<ITrialComponentPage>('trial-components' + search);
  }

  /**
   * Fetches the input and output artifacts of one trial component.
   */
  async getTrialComponentArtifacts(name: string): Promise<ITrialComponentArtifacts> {
    const detail = await this.requestJson<ITrialComponentArtifacts>(
      `trial-components/${encodeURIComponent(name)}`
    );
    return { inputArtifacts: detail.inputArtifacts, outputArtifacts: detail.outputArtifacts };
  }

  // Trial component details and charts.

  /**
   * Fetches one trial component with its artifacts, parents, tags and training job.
   */
  async getTrialComponent(name: string): Promise<ITrialComponentDetail> {
    return this.requestJson<ITrialComponentDetail>(`trial-components/${encodeURIComponent(name)}`);
  }

  /**
   * Fetches a metric's per-step values of one trial component, downsampled to min and max per bucket.
   */
  async getMetricSeries(
    name: string,
    metric: string,
    options: IMetricSeriesOptions = {}
  ): Promise<IMetricSeries> {
    const parameters: { [key: string]: string } = {};
    if (options.buckets !== undefined) {
      parameters.buckets = String(options.buckets);
    }
    if (options.xAxis) {
      parameters.xAxis = options.xAxis;
    }
    const search = Object.keys(parameters).length > 0 ? URLExt.objectToQueryString(parameters) : '';
    return this.requestJson<IMetricSeries>(
      `trial-components/${encodeURIComponent(name)}/metrics/${encodeURIComponent(metric)}` + search
    );
  }

  /**
   * Sends a request below the API namespace and parses the JSON reply. An empty body, as
   * `204 No Content` sends, parses to null.
   *
   * Throws `ApiNetworkError` when no reply came and `ApiError` for any status outside 2xx.
   */
  async requestJson<T>(endpoint: string, init: RequestInit = {}): Promise<T> {
    const url = URLExt.join(this.serverSettings.baseUrl, API_NAMESPACE, endpoint);

    let response: Response;
    try {
      response = await ServerConnection.makeRequest(url, init, this.serverSettings);
    } catch (error) {
      throw new ApiNetworkError(url, (error as Error).message);
    }

    const body = await response.text();
    if (!response.ok) {
      throw new ApiError(url, response.status, Private.errorMessage(response, body));
    }
    if (body.trim() === '') {
      return null as T;
    }

    try {
      return JSON.parse(body) as T;
    } catch {
      throw new ApiError(
        url,
        response.status,
        `The server returned invalid JSON for ${url}: ${body.slice(0, 200)}`
      );
    }
  }
}

/**
 * The namespace for `ChurnStudioApi` statics.
 */
export namespace ChurnStudioApi {
  /**
   * The options to create a `ChurnStudioApi`.
   */
  export interface IOptions {
    /**
     * The server settings. The default is the current page's settings.
     */
    serverSettings?: ServerConnection.ISettings;
  }
}

namespace Private {
  /**
   * Extracts the server's `{"message": ...}` from an error reply, or falls back to the status.
   */
  export function errorMessage(response: Response, body: string): string {
    try {
      const parsed = JSON.parse(body) as { message?: unknown };
      if (typeof parsed.message === 'string' && parsed.message) {
        return parsed.message;
      }
    } catch {
      // A proxy or Tornado's default error page sends HTML, so the status line is the best message.
    }
    return `${response.status} ${response.statusText}`.trim();
  }
}
