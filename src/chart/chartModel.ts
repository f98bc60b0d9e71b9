import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { IMetricSeries, IMetricSeriesOptions, ITrialComponentDetail } from '../api';
import {
  chartFields,
  ChartRow,
  defaultProperties,
  IChartFields,
  IChartProperties,
  metricLabel,
  summaryRows
} from './chartFields';
import { seriesRows } from './seriesRows';

/**
 * The number of buckets per time series. Each bucket keeps its min and max, so a chart of a few
 * hundred pixels shows every spike.
 */
export const SERIES_BUCKETS = 500;

/**
 * The server calls that a chart needs; `ChurnStudioApi` implements them.
 */
export interface IChartSource {
  getTrialComponent(name: string): Promise<ITrialComponentDetail>;
  getMetricSeries(name: string, metric: string, options?: IMetricSeriesOptions): Promise<IMetricSeries>;
}

/**
 * The loading state of the chart's data.
 */
export type ChartState = 'loading' | 'ready' | 'error';

/**
 * The data and properties of one Chart widget: the selected trial components, the choices they
 * offer, and the rows of the current properties.
 */
export class ChartModel implements IDisposable {
  constructor(options: ChartModel.IOptions) {
    this._source = options.source;
    this.names = [...options.names];
  }

  /**
   * The selected trial component names.
   */
  readonly names: string[];

  get state(): ChartState {
    return this._state;
  }

  /**
   * The message of the last failed request, or null.
   */
  get error(): string | null {
    return this._error;
  }

  get components(): ITrialComponentDetail[] {
    return this._components;
  }

  get fields(): IChartFields {
    return this._fields;
  }

  get properties(): IChartProperties {
    return this._properties;
  }

  /**
   * The rows of the current properties: summary rows, or time-series buckets.
   */
  get rows(): ChartRow[] {
    return this._rows;
  }

  /**
   * Emitted whenever the state, properties or rows change.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Fetches the selected trial components and draws the default chart.
   */
  async load(): Promise<void> {
    this._setState('loading', null);
    try {
      this._components = await Promise.all(this.names.map(name => this._source.getTrialComponent(name)));
    } catch (error) {
      this._setState('error', (error as Error).message);
      return;
    }
    this._fields = chartFields(this._components);
    this._properties = defaultProperties(this._fields);
    await this._updateRows();
  }

  /**
   * Changes some properties. Switching the data type moves Y between a metric statistic and a
   * metric, and a time series is drawn as lines unless the change requests points.
   */
  async setProperties(change: Partial<IChartProperties>): Promise<void> {
    const next = { ...this._properties, ...change };
    if (change.dataType && change.dataType !== this._properties.dataType) {
      const metric = this._metricOf(this._properties.y) ?? this._fields.metrics[0] ?? '';
      if (next.dataType === 'timeSeries') {
        next.y = metric;
        next.x = 'step';
        // A time series reads best as lines; points stay available from the chart type choice.
        next.chartType = change.chartType === 'scatter' ? 'scatter' : 'line';
      } else {
        const summary = defaultProperties(this._fields);
        next.y = metric ? metricLabel(metric, 'last') : summary.y;
        next.x = summary.x;
      }
    }
    this._properties = next;
    await this._updateRows();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
  }

  /**
   * Returns the metric of a metric statistic label or a metric name, or undefined.
   */
  private _metricOf(column: string): string | undefined {
    return this._fields.metrics.find(
      metric => metric === column || (column.startsWith(`${metric}_`.toLowerCase()) && this._fields.metricLabels.includes(column))
    );
  }

  private async _updateRows(): Promise<void> {
    if (this._properties.dataType === 'summary') {
      this._rows = summaryRows(this._components);
      this._setState('ready', null);
      return;
    }

    this._setState('loading', null);
    const metric = this._properties.y;
    const withMetric = this._components.filter(component => metric in component.metrics);
    try {
      const series = await Promise.all(
        withMetric.map(component => this._series(component.name, metric))
      );
      const displayNames = Object.fromEntries(this._components.map(c => [c.name, c.displayName]));
      this._rows = seriesRows(series, displayNames);
      this._setState('ready', null);
    } catch (error) {
      this._setState('error', (error as Error).message);
    }
  }

  private async _series(name: string, metric: string): Promise<IMetricSeries> {
    const key = JSON.stringify([name, metric]);
    let series = this._seriesCache.get(key);
    if (!series) {
      series = await this._source.getMetricSeries(name, metric, { buckets: SERIES_BUCKETS });
      this._seriesCache.set(key, series);
    }
    return series;
  }

  private _setState(state: ChartState, error: string | null): void {
    if (this._isDisposed) {
      return;
    }
    this._state = state;
    this._error = error;
    this._changed.emit();
  }

  private _source: IChartSource;
  private _state: ChartState = 'loading';
  private _error: string | null = null;
  private _components: ITrialComponentDetail[] = [];
  private _fields: IChartFields = {
    parameters: [],
    metrics: [],
    metricLabels: [],
    numericParameters: [],
    varyingParameters: []
  };
  private _properties: IChartProperties = {
    dataType: 'summary',
    chartType: 'scatter',
    x: '',
    y: '',
    color: ''
  };
  private _rows: ChartRow[] = [];
  private _seriesCache = new Map<string, IMetricSeries>();
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}

/**
 * The namespace for `ChartModel` statics.
 */
export namespace ChartModel {
  export interface IOptions {
    source: IChartSource;
    names: string[];
  }
}
