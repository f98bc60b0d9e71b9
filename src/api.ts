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
   * Sends a request below the API namespace and parses the JSON reply.
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
