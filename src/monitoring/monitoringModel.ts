import { PollingModel } from '../models/pollingModel';
import { isExecutionActive } from './monitoringLabels';
import {
  ICreateScheduleRequest,
  IExecutionDetail,
  IMonitoringExecution,
  IMonitoringSchedule,
  IMonitoringSource
} from './monitoringApi';

/**
 * Seconds between refetches while an execution is pending or in progress. The Monitoring tab
 * has no settings of its own, and a run over one hour of capture ends within seconds locally.
 */
export const DEFAULT_MONITORING_REFRESH_SECONDS = 5;

/**
 * Returns the key that identifies an execution in the view. A pending execution may have no
 * processing job yet, so its schedule and scheduled time stand in.
 */
export function executionKey(execution: IMonitoringExecution): string {
  return execution.processingJobName ?? `${execution.scheduleName}@${execution.scheduledTime ?? ''}`;
}

/**
 * Sorts executions newest first by creation time, then scheduled time. Executions without
 * either time go last, keeping their order.
 */
export function sortExecutions(executions: IMonitoringExecution[]): IMonitoringExecution[] {
  const time = (execution: IMonitoringExecution): number => {
    const text = execution.creationTime ?? execution.scheduledTime;
    const value = text ? Date.parse(text) : NaN;
    return Number.isNaN(value) ? -Infinity : value;
  };
  return executions
    .map((execution, index) => ({ execution, index, time: time(execution) }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map(item => item.execution);
}

/**
 * The schedule action that is running, so the view can disable its buttons.
 */
export interface IPendingAction {
  kind: 'create' | 'run' | 'stop' | 'start' | 'delete';
  scheduleName: string;
}

/**
 * The state of one endpoint's Monitoring tab: its schedules, its execution history newest first
 * and the selected execution's report.
 *
 * The model refetches every `refreshInterval` seconds while an execution is pending or in
 * progress, so a run started with "Run now" shows its result without a manual refresh.
 */
export class MonitoringModel extends PollingModel {
  constructor(options: MonitoringModel.IOptions) {
    super();
    this._source = options.source;
    this.endpointName = options.endpointName;
    this._refreshInterval = Math.max(0, options.refreshInterval ?? DEFAULT_MONITORING_REFRESH_SECONDS);
  }

  readonly endpointName: string;

  get schedules(): IMonitoringSchedule[] {
    return this._schedules;
  }

  /**
   * The executions of every schedule of the endpoint, newest first.
   */
  get executions(): IMonitoringExecution[] {
    return this._executions;
  }

  /**
   * Whether the first fetch has finished, successfully or not.
   */
  get isLoaded(): boolean {
    return this._isLoaded;
  }

  /**
   * The message of the last failed schedule fetch, or null. Earlier schedules stay shown.
   */
  get schedulesError(): string | null {
    return this._schedulesError;
  }

  /**
   * The message of the last failed execution fetch, or null. Earlier executions stay shown.
   */
  get executionsError(): string | null {
    return this._executionsError;
  }

  /**
   * The message of the last failed schedule action, or null.
   */
  get actionError(): string | null {
    return this._actionError;
  }

  get pendingAction(): IPendingAction | null {
    return this._pendingAction;
  }

  /**
   * The key of the selected execution (see `executionKey`), or null.
   */
  get selectedKey(): string | null {
    return this._selectedKey;
  }

  get selectedExecution(): IMonitoringExecution | null {
    return this._executions.find(execution => executionKey(execution) === this._selectedKey) ?? null;
  }

  /**
   * The report of the selected execution, or null while it loads or when it has no processing job.
   */
  get detail(): IExecutionDetail | null {
    return this._detail;
  }

  get isDetailLoading(): boolean {
    return this._isDetailLoading;
  }

  get detailError(): string | null {
    return this._detailError;
  }

  /**
   * Seconds between refetches while an execution is active; 0 turns polling off.
   */
  get refreshInterval(): number {
    return this._refreshInterval;
  }
  set refreshInterval(seconds: number) {
    this._refreshInterval = Math.max(0, seconds);
    this.schedulePoll();
  }

  /**
   * Fetches the schedules and executions, schedules the next fetch while an execution is active,
   * and refetches the selected execution's report when its status changed.
   */
  async refresh(): Promise<void> {
    await super.refresh();
    if (!this.isDisposed) {
      await this._refreshSelectedDetail();
    }
  }

  /**
   * Selects an execution by key and loads its report; null clears the selection.
   */
  async select(key: string | null): Promise<void> {
    if (key === this._selectedKey) {
      return;
    }
    this._selectedKey = key;
    this._detail = null;
    this._detailError = null;
    this.emitChanged();
    await this._loadDetail();
  }

  /**
   * Creates a schedule, then refetches. Returns whether it succeeded; the error is in `actionError`.
   */
  async createSchedule(request: ICreateScheduleRequest): Promise<boolean> {
    return this._runAction({ kind: 'create', scheduleName: request.scheduleName }, async () => {
      await this._source.createSchedule(request);
    });
  }

  /**
   * Starts one execution now and selects it, so its report opens once it ends.
   */
  async runSchedule(scheduleName: string): Promise<boolean> {
    return this._runAction({ kind: 'run', scheduleName }, async () => {
      const execution = await this._source.runSchedule(scheduleName);
      const key = executionKey(execution);
      // The execution shows at once, before the refetch lists it.
      this._executions = sortExecutions([
        execution,
        ...this._executions.filter(item => executionKey(item) !== key)
      ]);
      this._selectedKey = key;
      this._detail = null;
      this._detailError = null;
    });
  }

  async stopSchedule(scheduleName: string): Promise<boolean> {
    return this._runAction({ kind: 'stop', scheduleName }, async () => {
      await this._source.stopSchedule(scheduleName);
    });
  }

  async startSchedule(scheduleName: string): Promise<boolean> {
    return this._runAction({ kind: 'start', scheduleName }, async () => {
      await this._source.startSchedule(scheduleName);
    });
  }

  async deleteSchedule(scheduleName: string): Promise<boolean> {
    return this._runAction({ kind: 'delete', scheduleName }, async () => {
      await this._source.deleteSchedule(scheduleName);
    });
  }

  /**
   * Clears the message of a failed action once the user has read it.
   */
  dismissActionError(): void {
    this._actionError = null;
    this.emitChanged();
  }

  protected async load(isCurrent: () => boolean): Promise<void> {
    const [schedules, executions] = await Promise.allSettled([
      this._source.listSchedules(this.endpointName),
      this._source.listExecutions(this.endpointName)
    ]);
    if (!isCurrent()) {
      return;
    }

    if (schedules.status === 'fulfilled') {
      this._schedules = schedules.value;
      this._schedulesError = null;
    } else {
      this._schedulesError = (schedules.reason as Error).message;
    }
    if (executions.status === 'fulfilled') {
      const previous = this.selectedExecution;
      this._executions = sortExecutions(executions.value);
      this._executionsError = null;
      this._followSelection(previous);
    } else {
      this._executionsError = (executions.reason as Error).message;
    }
    this._isLoaded = true;
  }

  /**
   * Polls while an execution or a schedule's last execution is active. A failed fetch keeps
   * polling, so a server restart does not end the live view.
   */
  protected nextPollMs(): number {
    const active =
      this._executions.some(execution => isExecutionActive(execution.status)) ||
      this._schedules.some(schedule => isExecutionActive(schedule.lastExecution?.status ?? null));
    return active ? this._refreshInterval * 1000 : 0;
  }

  private async _runAction(action: IPendingAction, call: () => Promise<void>): Promise<boolean> {
    // The view disables every action button while one runs, so a second call is a double click.
    if (this._pendingAction) {
      return false;
    }
    this._pendingAction = action;
    this._actionError = null;
    this.emitChanged();

    let succeeded = true;
    try {
      await call();
    } catch (error) {
      this._actionError = (error as Error).message;
      succeeded = false;
    }
    this._pendingAction = null;
    if (this.isDisposed) {
      return succeeded;
    }
    await this.refresh();
    return succeeded;
  }

  /**
   * Keeps a pending execution selected after it gets its processing job, which changes its key.
   */
  private _followSelection(previous: IMonitoringExecution | null): void {
    if (previous === null || this.selectedExecution !== null) {
      return;
    }
    const successor = this._executions.find(
      execution =>
        execution.scheduleName === previous.scheduleName &&
        execution.scheduledTime === previous.scheduledTime
    );
    if (successor) {
      this._selectedKey = executionKey(successor);
    }
  }

  /**
   * Refetches the selected report when the list shows its execution in a new status, or when no
   * report has loaded yet.
   */
  private async _refreshSelectedDetail(): Promise<void> {
    const selected = this.selectedExecution;
    if (!selected) {
      return;
    }
    const reportStatus = this._detail?.execution.status ?? null;
    if (this._detail === null || reportStatus !== selected.status) {
      await this._loadDetail();
    }
  }

  private async _loadDetail(): Promise<void> {
    const key = this._selectedKey;
    const execution = this.selectedExecution;
    const jobName = execution?.processingJobName ?? null;
    if (key === null || jobName === null) {
      return;
    }

    this._isDetailLoading = true;
    this.emitChanged();
    let detail: IExecutionDetail | null = null;
    let error: string | null = null;
    try {
      detail = await this._source.getExecution(jobName);
    } catch (reason) {
      error = (reason as Error).message;
    }
    // A newer selection made while this report loaded wins.
    if (this.isDisposed || key !== this._selectedKey) {
      return;
    }
    this._isDetailLoading = false;
    if (detail) {
      this._detail = detail;
    }
    this._detailError = error;
    this.emitChanged();
  }

  private _source: IMonitoringSource;
  private _schedules: IMonitoringSchedule[] = [];
  private _executions: IMonitoringExecution[] = [];
  private _isLoaded = false;
  private _schedulesError: string | null = null;
  private _executionsError: string | null = null;
  private _actionError: string | null = null;
  private _pendingAction: IPendingAction | null = null;
  private _selectedKey: string | null = null;
  private _detail: IExecutionDetail | null = null;
  private _isDetailLoading = false;
  private _detailError: string | null = null;
  private _refreshInterval: number;
}

/**
 * The namespace for `MonitoringModel` statics.
 */
export namespace MonitoringModel {
  export interface IOptions {
    source: IMonitoringSource;
    endpointName: string;
    /**
     * Seconds between refetches while an execution is active; 0 turns polling off. The default
     * is `DEFAULT_MONITORING_REFRESH_SECONDS`.
     */
    refreshInterval?: number;
  }
}
