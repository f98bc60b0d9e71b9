import { TranslationBundle } from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';

import { IEndpointSummary, IMonitoringExecution } from './monitoringApi';
import { isExecutionActive } from './monitoringLabels';
import { executionKey } from './monitoringModel';

/**
 * The server calls that the watcher needs; `MonitoringApi` implements them.
 */
export interface IMonitoringWatchSource {
  listEndpoints(): Promise<IEndpointSummary[]>;
  listExecutions(endpointName: string): Promise<IMonitoringExecution[]>;
}

/**
 * An execution that found issues, with its endpoint.
 */
export interface IIssueFound {
  endpointName: string;
  execution: IMonitoringExecution;
}

/**
 * Returns the notification text of an execution that found issues, with its violation count
 * when the exit message states it.
 */
export function issueMessage(issue: IIssueFound, trans: TranslationBundle): string {
  const { endpointName, execution } = issue;
  const count = execution.violationCount;
  if (count === null) {
    return trans.__('Model Monitor found issues at endpoint %1 (%2).', endpointName, execution.scheduleName);
  }
  return trans._n(
    'Model Monitor found %1 issue at endpoint %2 (%3).',
    'Model Monitor found %1 issues at endpoint %2 (%3).',
    count,
    endpointName,
    execution.scheduleName
  );
}

/**
 * Polls every endpoint's monitoring executions and reports each new execution that ends with
 * `CompletedWithViolations`, once.
 *
 * Executions that had already ended when an endpoint was first seen are not reported, so opening
 * JupyterLab does not replay old issues. An execution seen while still active is reported when
 * it ends with violations.
 */
export class MonitoringWatcher implements IDisposable {
  constructor(options: MonitoringWatcher.IOptions) {
    this._source = options.source;
    this._onIssueFound = options.onIssueFound;
    this._onError = options.onError ?? (() => undefined);
    this._interval = Math.max(0, options.interval);
  }

  /**
   * Seconds between polls; 0 stops polling.
   */
  get interval(): number {
    return this._interval;
  }
  set interval(seconds: number) {
    this._interval = Math.max(0, seconds);
    this._schedule();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Whether a poll is scheduled.
   */
  get isPolling(): boolean {
    return this._timer !== null;
  }

  /**
   * Polls now, then every `interval` seconds, unless the interval is 0.
   */
  start(): void {
    if (this._interval > 0) {
      void this.poll();
    }
  }

  /**
   * Fetches every endpoint's executions once and reports the new issues. A failed endpoint is
   * passed to `onError` and retried at the next poll.
   */
  async poll(): Promise<void> {
    this._clearTimer();
    try {
      const endpoints = await this._source.listEndpoints();
      for (const endpoint of endpoints) {
        if (this._isDisposed) {
          return;
        }
        await this._pollEndpoint(endpoint.name);
      }
    } catch (error) {
      this._onError(error as Error, null);
    }
    this._schedule();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._clearTimer();
  }

  private async _pollEndpoint(endpointName: string): Promise<void> {
    let executions: IMonitoringExecution[];
    try {
      executions = await this._source.listExecutions(endpointName);
    } catch (error) {
      this._onError(error as Error, endpointName);
      return;
    }

    const firstSeen = !this._seenEndpoints.has(endpointName);
    this._seenEndpoints.add(endpointName);
    for (const execution of executions) {
      const key = `${endpointName}/${executionKey(execution)}`;
      if (this._settled.has(key)) {
        continue;
      }
      if (isExecutionActive(execution.status)) {
        continue;
      }
      this._settled.add(key);
      if (!firstSeen && execution.status === 'CompletedWithViolations') {
        this._onIssueFound({ endpointName, execution });
      }
    }
  }

  private _schedule(): void {
    this._clearTimer();
    if (this._isDisposed || this._interval <= 0) {
      return;
    }
    this._timer = setTimeout(() => {
      this._timer = null;
      void this.poll();
    }, this._interval * 1000);
  }

  private _clearTimer(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _source: IMonitoringWatchSource;
  private _onIssueFound: (issue: IIssueFound) => void;
  private _onError: (error: Error, endpointName: string | null) => void;
  private _interval: number;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _isDisposed = false;
  // Endpoints polled at least once; their later executions count as new.
  private _seenEndpoints = new Set<string>();
  // Keys of the executions that have ended. `_pollEndpoint` reports only a key it adds here, so
  // this watcher reports each execution at most once.
  private _settled = new Set<string>();
}

/**
 * The namespace for `MonitoringWatcher` statics.
 */
export namespace MonitoringWatcher {
  export interface IOptions {
    source: IMonitoringWatchSource;
    /**
     * Seconds between polls; 0 turns polling off.
     */
    interval: number;
    onIssueFound: (issue: IIssueFound) => void;
    /**
     * Receives a failed fetch with its endpoint, or null when listing the endpoints failed.
     */
    onError?: (error: Error, endpointName: string | null) => void;
  }
}
