import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { IMetricSeries, IMetricSeriesOptions, ITrialComponentDetail } from '../api';
import { isInProgress } from './tabData';

/**
 * The number of buckets of the Charts tab's small line charts.
 */
export const DETAIL_SERIES_BUCKETS = 200;

/**
 * The server calls that the details view needs; `ChurnStudioApi` implements them.
 */
export interface IDetailsSource {
  getTrialComponent(name: string): Promise<ITrialComponentDetail>;
  getMetricSeries(name: string, metric: string, options?: IMetricSeriesOptions): Promise<IMetricSeries>;
}

/**
 * The data of one Trial component details widget, refetched every `refreshInterval` seconds
 * while the component or its training job is in progress.
 */
export class DetailsModel implements IDisposable {
  constructor(options: DetailsModel.IOptions) {
    this._source = options.source;
    this.name = options.name;
    this._refreshInterval = Math.max(0, options.refreshInterval ?? 0);
  }

  /**
   * The trial component name.
   */
  readonly name: string;

  /**
   * The last fetched trial component, or null before the first successful fetch.
   */
  get detail(): ITrialComponentDetail | null {
    return this._detail;
  }

  /**
   * The metric series of the Charts tab by metric name.
   */
  get series(): { [metric: string]: IMetricSeries } {
    return this._series;
  }

  get isLoading(): boolean {
    return this._isLoading;
  }

  /**
   * The message of the last failed fetch, or null. Earlier data stays shown beside it.
   */
  get error(): string | null {
    return this._error;
  }

  /**
   * The message of the last failed series fetch, or null.
   */
  get seriesError(): string | null {
    return this._seriesError;
  }

  /**
   * Whether a refetch is scheduled because the component is in progress.
   */
  get isPolling(): boolean {
    return this._timer !== null;
  }

  /**
   * Seconds between refetches while in progress; 0 turns polling off.
   */
  get refreshInterval(): number {
    return this._refreshInterval;
  }
  set refreshInterval(seconds: number) {
    this._refreshInterval = Math.max(0, seconds);
    this._schedule();
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Fetches the trial component and its metric series, then schedules the next fetch if it is
   * still in progress.
   */
  async refresh(): Promise<void> {
    this._clearTimer();
    this._isLoading = true;
    this._changed.emit();

    try {
      this._detail = await this._source.getTrialComponent(this.name);
      this._error = null;
    } catch (error) {
      this._error = (error as Error).message;
    }
    if (this._isDisposed) {
      return;
    }

    if (this._detail) {
      await this._refreshSeries(this._detail);
    }
    if (this._isDisposed) {
      return;
    }
    this._isLoading = false;
    this._schedule();
    this._changed.emit();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._clearTimer();
    Signal.clearData(this);
  }

  private async _refreshSeries(detail: ITrialComponentDetail): Promise<void> {
    const metrics = Object.keys(detail.metrics).sort();
    try {
      const series = await Promise.all(
        metrics.map(metric =>
          this._source.getMetricSeries(this.name, metric, { buckets: DETAIL_SERIES_BUCKETS })
        )
      );
      this._series = Object.fromEntries(series.map(item => [item.metricName, item]));
      this._seriesError = null;
    } catch (error) {
      this._seriesError = (error as Error).message;
    }
  }

  /**
   * Schedules the next fetch while the component is in progress. A failed fetch keeps polling, so
   * a server restart during training does not end the live view.
   */
  private _schedule(): void {
    this._clearTimer();
    const inProgress = this._detail !== null && isInProgress(this._detail);
    if (this._isDisposed || this._isLoading || this._refreshInterval <= 0 || !inProgress) {
      return;
    }
    this._timer = setTimeout(() => {
      this._timer = null;
      void this.refresh();
    }, this._refreshInterval * 1000);
  }

  private _clearTimer(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _source: IDetailsSource;
  private _detail: ITrialComponentDetail | null = null;
  private _series: { [metric: string]: IMetricSeries } = {};
  private _isLoading = false;
  private _error: string | null = null;
  private _seriesError: string | null = null;
  private _refreshInterval: number;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}

/**
 * The namespace for `DetailsModel` statics.
 */
export namespace DetailsModel {
  export interface IOptions {
    source: IDetailsSource;
    name: string;
    /**
     * Seconds between refetches while in progress; 0 or missing turns polling off.
     */
    refreshInterval?: number;
  }
}
