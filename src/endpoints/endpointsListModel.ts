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
   * The name of the selected endpoint, or null. A refresh keeps it while the endpoint exists.
   */
  get selectedName(): string | null {
    return this._selectedName;
  }

  /**
   * Selects an endpoint by name, or clears the selection with null. Throws for a name that is
   * not in the list, because the sidebar offers only listed endpoints.
   */
  select(name: string | null): void {
    if (name !== null && !this._endpoints.some(endpoint => endpoint.name === name)) {
      throw new Error(`Endpoint "${name}" is not in the list; refresh the Endpoints sidebar.`);
    }
    if (name === this._selectedName) {
      return;
    }
    this._selectedName = name;
    this.emitChanged();
  }

  /**
   * Moves the selection by `offset` rows, stopping at the first and last row, and returns the
   * newly selected name. With nothing selected, a move down selects the first row and a move up
   * the last one.
   */
  selectByOffset(offset: number): string | null {
    const count = this._endpoints.length;
    if (count === 0) {
      return null;
    }
    const current = this._endpoints.findIndex(endpoint => endpoint.name === this._selectedName);
    let index: number;
    if (current === -1) {
      index = offset >= 0 ? 0 : count - 1;
    } else {
      index = Math.min(count - 1, Math.max(0, current + offset));
    }
    this.select(this._endpoints[index].name);
    return this._selectedName;
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
      if (!endpoints.some(endpoint => endpoint.name === this._selectedName)) {
        this._selectedName = null;
      }
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
  private _selectedName: string | null = null;
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
