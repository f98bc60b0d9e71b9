import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { ApiError, ApiNetworkError, IExperiment } from '../api';

/**
 * The state of the experiments list: nothing fetched yet, a request in flight, a list, or an error.
 */
export type ExperimentsState =
  | { kind: 'idle' }
  | { kind: 'loading'; items: IExperiment[] }
  | { kind: 'ready'; items: IExperiment[] }
  | { kind: 'error'; items: IExperiment[]; message: string; status: number | null };

/**
 * The source of experiments. The app passes `ChurnStudioApi`, and tests pass a fake.
 */
export interface IExperimentsSource {
  listExperiments(query?: string): Promise<IExperiment[]>;
}

/**
 * The experiments list of the sidebar, with its loading and error state.
 *
 * A refresh keeps the previous items while it runs, so the list does not flicker. Only the latest
 * request may set the state, so a slow earlier reply cannot overwrite a newer one.
 */
export class ExperimentsModel implements IDisposable {
  constructor(options: ExperimentsModel.IOptions) {
    this._source = options.source;
  }

  /**
   * Emitted after every state change.
   */
  get stateChanged(): ISignal<this, ExperimentsState> {
    return this._stateChanged;
  }

  /**
   * The current state.
   */
  get state(): ExperimentsState {
    return this._state;
  }

  /**
   * The experiments of the last successful refresh, sorted by most recent change first.
   */
  get items(): IExperiment[] {
    return this._state.kind === 'idle' ? [] : this._state.items;
  }

  /**
   * The case-insensitive text that filters experiments by name or display name.
   */
  get query(): string {
    return this._query;
  }
  set query(value: string) {
    if (value === this._query) {
      return;
    }
    this._query = value;
    void this.refresh();
  }

  /**
   * Seconds between automatic refreshes, or 0 for none.
   */
  get refreshInterval(): number {
    return this._refreshInterval;
  }
  set refreshInterval(seconds: number) {
    this._refreshInterval = Math.max(0, seconds);
    this._restartTimer();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Fetches the experiments again. Never rejects, because a failure becomes the error state.
   */
  async refresh(): Promise<void> {
    if (this._isDisposed) {
      return;
    }
    const request = ++this._requestCount;
    this._setState({ kind: 'loading', items: this.items });

    let state: ExperimentsState;
    try {
      const experiments = await this._source.listExperiments(this._query || undefined);
      state = { kind: 'ready', items: Private.sortByLastModified(experiments) };
    } catch (error) {
      state = {
        kind: 'error',
        items: this.items,
        message: (error as Error).message,
        status: error instanceof ApiError ? error.status : null
      };
      if (!(error instanceof ApiError) && !(error instanceof ApiNetworkError)) {
        console.error('Listing experiments failed', error);
      }
    }

    if (request === this._requestCount && !this._isDisposed) {
      this._setState(state);
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._stopTimer();
    Signal.clearData(this);
  }

  private _setState(state: ExperimentsState): void {
    this._state = state;
    this._stateChanged.emit(state);
  }

  private _restartTimer(): void {
    this._stopTimer();
    if (this._refreshInterval > 0 && !this._isDisposed) {
      this._timer = setInterval(() => void this.refresh(), this._refreshInterval * 1000);
    }
  }

  private _stopTimer(): void {
    if (this._timer !== null) {
      clearInterval(this._timer);
      this._timer = null;
    }
  }

  private _source: IExperimentsSource;
  private _state: ExperimentsState = { kind: 'idle' };
  private _stateChanged = new Signal<this, ExperimentsState>(this);
  private _query = '';
  private _refreshInterval = 0;
  private _timer: ReturnType<typeof setInterval> | null = null;
  private _requestCount = 0;
  private _isDisposed = false;
}

/**
 * The namespace for `ExperimentsModel` statics.
 */
export namespace ExperimentsModel {
  /**
   * The options to create an `ExperimentsModel`.
   */
  export interface IOptions {
    source: IExperimentsSource;
  }
}

namespace Private {
  /**
   * Sorts experiments newest change first; experiments without a time go last, by name.
   */
  export function sortByLastModified(experiments: IExperiment[]): IExperiment[] {
    const time = (experiment: IExperiment): number =>
      experiment.lastModified ? Date.parse(experiment.lastModified) : -Infinity;

    return [...experiments].sort((a, b) => {
      const byTime = time(b) - time(a);
      if (byTime !== 0 && !Number.isNaN(byTime)) {
        return byTime;
      }
      return a.name.localeCompare(b.name);
    });
  }
}
