import { PollingModel } from '../models/pollingModel';
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
export class EndpointsListModel extends PollingModel {
  constructor(options: EndpointsListModel.IOptions) {
    super();
    this._source = options.source;
    this._pollIntervalMs = options.pollIntervalMs ?? 2000;
  }

  get endpoints(): readonly IEndpoint[] {
    return this._endpoints;
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
   * Deletes an endpoint and refreshes the list; the error message is rethrown for the caller.
   */
  async deleteEndpoint(name: string): Promise<IDeletedEndpoint> {
    this._endpoints = this._endpoints.map(endpoint =>
      endpoint.name === name ? { ...endpoint, status: 'Deleting' } : endpoint
    );
    this.emitChanged();
    try {
      return await this._source.deleteEndpoint(name);
    } finally {
      await this.refresh();
    }
  }

  protected async load(isCurrent: () => boolean): Promise<void> {
    try {
      const endpoints = await this._source.listEndpoints();
      if (!isCurrent()) {
        return;
      }
      this._endpoints = endpoints;
      this._error = null;
      this._isLoaded = true;
    } catch (error) {
      if (isCurrent()) {
        this._error = (error as Error).message;
      }
    }
  }

  /**
   * Polls while an endpoint is Creating, Updating or Deleting.
   */
  protected nextPollMs(): number {
    const changing = this._endpoints.some(endpoint => TRANSITIONAL_STATUSES.has(endpoint.status));
    return changing ? this._pollIntervalMs : 0;
  }

  private _source: IEndpointsSource;
  private _pollIntervalMs: number;
  private _endpoints: IEndpoint[] = [];
  private _isLoaded = false;
  private _error: string | null = null;
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
