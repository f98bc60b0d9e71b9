import { IMetricSeries, IMetricSeriesOptions, ITrialComponentDetail } from '../api';
import { PollingModel } from '../models/pollingModel';
import { isInProgress } from './tabData';

/**
 * The number of buckets of the Charts tab's small line charts. A series of up to this many points,
 * such as 600 boosting rounds, is drawn whole and not as min-max bands.
 */
export const DETAIL_SERIES_BUCKETS = 1000;

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
export class DetailsModel extends PollingModel {
  constructor(options: DetailsModel.IOptions) {
    super();
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
   * Seconds between refetches while in progress; 0 turns polling off.
   */
  get refreshInterval(): number {
    return this._refreshInterval;
  }
  set refreshInterval(seconds: number) {
    this._refreshInterval = Math.max(0, seconds);
    this.schedulePoll();
  }

  /**
   * Fetches the trial component, then the metric series of the last component fetched.
   */
  protected async load(isCurrent: () => boolean): Promise<void> {
    try {
      const detail = await this._source.getTrialComponent(this.name);
      if (isCurrent()) {
        this._detail = detail;
        this._error = null;
      }
    } catch (error) {
      if (isCurrent()) {
        this._error = (error as Error).message;
      }
    }
    if (this._detail && isCurrent()) {
      await this._refreshSeries(this._detail, isCurrent);
    }
  }

  /**
   * Polls while the component is in progress. A failed fetch keeps polling, so a server restart
   * during training does not end the live view.
   */
  protected nextPollMs(): number {
    const inProgress = this._detail !== null && isInProgress(this._detail);
    return inProgress ? this._refreshInterval * 1000 : 0;
  }

  private async _refreshSeries(
    detail: ITrialComponentDetail,
    isCurrent: () => boolean
  ): Promise<void> {
    const metrics = Object.keys(detail.metrics).sort();
    try {
      const series = await Promise.all(
        metrics.map(metric =>
          this._source.getMetricSeries(this.name, metric, { buckets: DETAIL_SERIES_BUCKETS })
        )
      );
      if (isCurrent()) {
        this._series = Object.fromEntries(series.map(item => [item.metricName, item]));
        this._seriesError = null;
      }
    } catch (error) {
      if (isCurrent()) {
        this._seriesError = (error as Error).message;
      }
    }
  }

  private _source: IDetailsSource;
  private _detail: ITrialComponentDetail | null = null;
  private _series: { [metric: string]: IMetricSeries } = {};
  private _error: string | null = null;
  private _seriesError: string | null = null;
  private _refreshInterval: number;
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
