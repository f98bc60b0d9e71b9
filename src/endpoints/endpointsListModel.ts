import { ISignal, Signal } from '@lumino/signaling';

import { IDeletedEndpoint, IEndpoint, TRANSITIONAL_STATUSES } from './endpointsApi';

/**
 * The REST calls that the list model makes.
 */
export interface IEndpointsSource {
  listEndpoints(): Promise<IEndpoint[]>;
  deleteEndpoint(name: string): Promise<IDeletedEndpoint>;
}

/**
 * The endpoints of the Endpoints sidebar, refreshed on a timer while any endpoint is changing.
 */
export class EndpointsListModel {
  constructor(options: EndpointsListModel.IOptions) {
    this._source = options.source;
    this._pollIntervalMs = options.pollIntervalMs ?? 2000;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get endpoints(): readonly IEndpoint[] {
    return this._endpoints;
  }

  get isLoading(): boolean {
    return this._isLoading;
  }

  /**
   * Whether the list was loaded at least once, so an empty list means "no endpoints".
   */
  get isLoaded(): boolean {
    return this._isLoaded;
  }

  get error(): string | null {
    return this._error;
  }

  /**
   * Whether a timer refresh is pending because an endpoint is Creating, Updating or Deleting.
   */
  get isPolling(): boolean {
    return this._timer !== null;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Fetches the list. Only the newest request may set the result, so a slow reply is dropped.
   */
  async refresh(): Promise<void> {
    if (this._isDisposed) {
      return;
    }
    this._clearTimer();
    const request = ++this._request;
    this._isLoading = true;
    this._changed.emit();

    try {
      const endpoints = await this._source.listEndpoints();
      if (request !== this._request || this._isDisposed) {
        return;
      }
      this._endpoints = endpoints;
      this._error = null;
      this._isLoaded = true;
    } catch (error) {
      if (request !== this._request || this._isDisposed) {
        return;
      }
      this._error = (error as Error).message;
    }
    this._isLoading = false;
    this._schedule();
    this._changed.emit();
  }

  /**
   * Deletes an endpoint and refreshes the list; the error message is rethrown for the caller.
   */
  async deleteEndpoint(name: string): Promise<IDeletedEndpoint> {
    this._endpoints = this._endpoints.map(endpoint =>
      endpoint.name === name ? { ...endpoint, status: 'Deleting' } : endpoint
    );
    this._changed.emit();
    try {
      return await this._source.deleteEndpoint(name);
    } finally {
      await this.refresh();
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._clearTimer();
    Signal.clearData(this);
  }

  private _schedule(): void {
    const changing = this._endpoints.some(endpoint => TRANSITIONAL_STATUSES.has(endpoint.status));
    if (changing && this._pollIntervalMs > 0 && !this._isDisposed) {
      this._timer = setTimeout(() => {
        this._timer = null;
        void this.refresh();
      }, this._pollIntervalMs);
    }
  }

  private _clearTimer(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _source: IEndpointsSource;
  private _pollIntervalMs: number;
  private _endpoints: IEndpoint[] = [];
  private _isLoading = false;
  private _isLoaded = false;
  private _error: string | null = null;
  private _request = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}

export namespace EndpointsListModel {
  export interface IOptions {
    source: IEndpointsSource;
    /**
     * Milliseconds between refreshes while an endpoint is changing; 0 turns them off.
     */
    pollIntervalMs?: number;
  }
}
