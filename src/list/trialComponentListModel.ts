import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { ITrialComponentPage, ITrialComponentQuery, ITrialComponentRow } from '../api';
import { allColumns, IColumn } from './columns';
import { IColumnState, presetColumnState, visibleColumns } from './columnState';
import { DeployCheck, DeployCheckModel } from './deployCheck';
import { buildSearchFilters, IFilterCondition } from './filters';
import {
  DEFAULT_SORT,
  IListViewState,
  ISortState,
  ITrialComponentsSource
} from './listState';
import { PagedRows } from './pagedRows';
import { RowSelection } from './rowSelection';
import { ALL_TRIAL_COMPONENTS, ITrialComponentScope, normalizeScope, scopeQuery } from './scope';

/**
 * The trial component list: pages fetched on demand, sort, filters, scope, columns, selection and
 * automatic refresh.
 *
 * Pages are fetched in order, because each needs the previous page's cursor. A change of sort,
 * filters or scope starts over from the first page. A refresh fetches the displayed pages again
 * into new `PagedRows` and swaps them in when done, so the rows do not flicker.
 */
export class TrialComponentListModel implements IDisposable {
  constructor(options: TrialComponentListModel.IOptions) {
    this._source = options.source;
    this._pageSize = options.pageSize ?? 100;
    this._view = {
      scope: normalizeScope(options.scope ?? ALL_TRIAL_COMPONENTS),
      columns: options.columns ?? presetColumnState('all'),
      sort: options.sort ?? DEFAULT_SORT,
      filters: options.filters ?? []
    };
    this._rows = new PagedRows(this._buildQuery(this._view.filters), this._pageSize);
    this._deployCheck = new DeployCheckModel(name => this._source.getTrialComponentArtifacts(name));
    this._deployCheck.changed.connect(() => this._changed.emit());
  }

  /**
   * Emitted after any change of rows, loading state, selection or view state.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Emitted when the scope, columns, sort or filters change, so the workspace can store them.
   */
  get viewStateChanged(): ISignal<this, IListViewState> {
    return this._viewStateChanged;
  }

  get viewState(): IListViewState {
    return this._view;
  }

  get scope(): ITrialComponentScope {
    return this._view.scope;
  }

  get sort(): ISortState {
    return this._view.sort;
  }

  get filters(): IFilterCondition[] {
    return this._view.filters;
  }

  get columnState(): IColumnState {
    return this._view.columns;
  }

  /**
   * The number of rows per page, from 1 to 100 as the server accepts. A change reloads the list.
   */
  get pageSize(): number {
    return this._pageSize;
  }
  set pageSize(size: number) {
    const pageSize = Math.min(100, Math.max(1, Math.round(size)));
    if (pageSize !== this._pageSize) {
      this._pageSize = pageSize;
      this._reset();
    }
  }

  /**
   * Seconds between checks for rows in progress, or 0 for no automatic refresh.
   */
  get autoRefreshInterval(): number {
    return this._autoRefreshInterval;
  }
  set autoRefreshInterval(seconds: number) {
    this._autoRefreshInterval = Math.max(0, seconds);
    if (this._timer !== null) {
      clearInterval(this._timer);
      this._timer = null;
    }
    if (this._autoRefreshInterval > 0 && !this._isDisposed) {
      this._timer = setInterval(() => this._autoRefresh(), this._autoRefreshInterval * 1000);
    }
  }

  /**
   * The number of rows to lay out, fetched or not.
   */
  get rowCount(): number {
    return this._rows.rowCount;
  }

  get total(): number | null {
    return this._rows.total;
  }

  get loadedCount(): number {
    return this._rows.loadedCount;
  }

  /**
   * Whether the first page arrived and had no rows.
   */
  get isEmpty(): boolean {
    return this._rows.isEmpty;
  }

  /**
   * Whether a page request is in flight.
   */
  get isLoading(): boolean {
    return this._pumping;
  }

  /**
   * The message of the last failed page request, or null.
   */
  get error(): string | null {
    return this._error;
  }

  /**
   * Every column for the parameters, metrics and tag keys of the fetched pages.
   *
   * NOTE: a parameter, metric or tag key that only later pages contain gets its column when
   * they arrive.
   */
  get columns(): IColumn[] {
    return allColumns(this._rows.parameterNames, this._rows.metricNames, this._rows.tagKeys);
  }

  get visibleColumns(): IColumn[] {
    return visibleColumns(this._view.columns, this.columns);
  }

  get parameterNames(): string[] {
    return this._rows.parameterNames;
  }

  get metricNames(): string[] {
    return this._rows.metricNames;
  }

  get tagKeys(): string[] {
    return this._rows.tagKeys;
  }

  /**
   * Returns the row at `index`, or undefined when its page is not fetched yet.
   */
  rowAt(index: number): ITrialComponentRow | undefined {
    return this._rows.rowAt(index);
  }

  /**
   * Fetches pages in order until the rows from `start` up to, not including, `end` are loaded,
   * and remembers the range for automatic refresh.
   *
   * NOTE: a jump to row N fetches every page before it, because the server pages by cursor only.
   */
  setVisibleRange(start: number, end: number): void {
    this._visible = [Math.max(0, start), Math.max(0, end)];
    const lastPage = Math.floor(Math.max(0, end - 1) / this._pageSize);
    this._requiredPages = Math.max(this._requiredPages, lastPage + 1);
    void this._pump();
  }

  /**
   * Sorts by a column's sort key. A new key sorts ascending, and the current key flips the order.
   */
  sortBy(key: string): void {
    const order: 'asc' | 'desc' =
      key === this._view.sort.key && this._view.sort.order === 'asc' ? 'desc' : 'asc';
    this.setSort({ key, order });
  }

  setSort(sort: ISortState): void {
    if (sort.key === this._view.sort.key && sort.order === this._view.sort.order) {
      return;
    }
    this._setView({ ...this._view, sort });
    this._reset(true);
  }

  /**
   * Replaces the filter conditions. Throws, and keeps the old ones, when a condition is invalid
   * or there are too many.
   */
  setFilters(filters: IFilterCondition[]): void {
    this._buildQuery(filters);
    this._setView({ ...this._view, filters: [...filters] });
    this._selection.clear();
    this._reset();
  }

  setScope(scope: ITrialComponentScope): void {
    this._setView({ ...this._view, scope: normalizeScope(scope) });
    this._selection.clear();
    this._reset();
  }

  setColumnState(columns: IColumnState): void {
    this._setView({ ...this._view, columns });
    this._changed.emit();
  }

  /**
   * Fetches the displayed pages again. Rows stay visible until the new pages replace them.
   */
  refresh(): void {
    this._error = null;
    const pages = Math.max(1, Math.min(this._rows.pageCount, this._requiredPages));
    this._pending = new PagedRows(this._buildQuery(this._view.filters), this._pageSize);
    this._pendingPages = pages;
    void this._pump();
  }

  /**
   * Fetches again after an error.
   */
  retry(): void {
    this._error = null;
    this._changed.emit();
    void this._pump();
  }

  // Selection

  /**
   * The names of the selected trial components.
   */
  get selectedNames(): string[] {
    return this._selection.names;
  }

  isSelected(name: string): boolean {
    return this._selection.has(name);
  }

  /**
   * Updates the selection after a click on the row at `index`, as `RowSelection.click` describes.
   */
  select(index: number, mode: 'replace' | 'toggle' | 'range' = 'replace'): void {
    const changed = this._selection.click(
      index,
      mode,
      position => this._rows.rowAt(position)?.name,
      name => this._rows.indexOf(name)
    );
    if (changed) {
      this._onSelectionChanged();
    }
  }

  /**
   * Selects the right-clicked row unless it is already selected.
   */
  selectForContextMenu(index: number): void {
    const name = this._rows.rowAt(index)?.name;
    if (name !== undefined && !this._selection.has(name)) {
      this._selection.set([name]);
      this._onSelectionChanged();
    }
  }

  clearSelection(): void {
    this._selection.clear();
    this._onSelectionChanged();
  }

  /**
   * Whether the one selected trial component has a model to deploy.
   */
  get deployCheck(): DeployCheck {
    return this._deployCheck.check;
  }

  // Export

  /**
   * Fetches every row of the current scope, filters and sort, page by page with the largest
   * page size. `onProgress` receives the number of rows fetched so far.
   */
  async fetchAllRows(onProgress?: (fetched: number) => void): Promise<ITrialComponentRow[]> {
    const all = new PagedRows(this._buildQuery(this._view.filters), 100);
    while (all.hasMore) {
      all.append(await this._source.listTrialComponents(all.nextQuery()));
      onProgress?.(all.loadedCount);
    }
    return all.slice(0, all.loadedCount);
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this.autoRefreshInterval = 0;
    Signal.clearData(this);
  }

  /**
   * Builds the query without cursor and limit. Throws when the filters are invalid.
   */
  private _buildQuery(filters: IFilterCondition[]): ITrialComponentQuery {
    const scope = scopeQuery(this._view?.scope ?? ALL_TRIAL_COMPONENTS);
    const conditionCount = Object.keys(scope.query).length;
    const filter = buildSearchFilters(filters, scope.filters, conditionCount);
    return {
      ...scope.query,
      filter,
      sort: this._view?.sort.key ?? DEFAULT_SORT.key,
      order: this._view?.sort.order ?? DEFAULT_SORT.order
    };
  }

  private _setView(view: IListViewState): void {
    this._view = view;
    this._viewStateChanged.emit(view);
  }

  /**
   * Starts the list again from the first page. `sameRows` is true when only the order changed,
   * so the columns of the fetched pages stay.
   */
  private _reset(sameRows = false): void {
    const previous = this._rows;
    this._rows = new PagedRows(this._buildQuery(this._view.filters), this._pageSize);
    if (sameRows) {
      this._rows.adoptNames(previous);
    }
    this._pending = null;
    this._error = null;
    this._requiredPages = Math.floor(Math.max(0, this._visible[1] - 1) / this._pageSize) + 1;
    this._changed.emit();
    void this._pump();
  }

  /**
   * Fetches pages one at a time until the displayed rows and any pending refresh are complete.
   * Only one pump runs. A reset while a request is in flight makes it drop that reply.
   */
  private async _pump(): Promise<void> {
    if (this._pumping || this._isDisposed) {
      return;
    }
    this._pumping = true;
    this._changed.emit();

    try {
      while (!this._isDisposed && this._error === null) {
        const rows = this._pending ?? this._rows;
        const goal = this._pending ? this._pendingPages : this._requiredPages;
        if (rows.pageCount >= goal || !rows.hasMore) {
          if (this._pending === rows) {
            this._rows = rows;
            this._pending = null;
            this._changed.emit();
            continue;
          }
          break;
        }

        let page: ITrialComponentPage;
        try {
          page = await this._source.listTrialComponents(rows.nextQuery());
        } catch (error) {
          if (rows === this._rows || rows === this._pending) {
            this._error = (error as Error).message;
            this._pending = null;
          }
          continue;
        }
        if (rows === this._rows || rows === this._pending) {
          rows.append(page);
          if (rows === this._rows) {
            this._changed.emit();
          }
        }
      }
    } finally {
      this._pumping = false;
      this._changed.emit();
    }
  }

  private _autoRefresh(): void {
    if (this._pumping || this._error !== null) {
      return;
    }
    const [start, end] = this._visible;
    const inProgress = this._rows
      .slice(start, end)
      .some(row => row.status === 'InProgress' || row.status === 'Stopping');
    if (inProgress) {
      this.refresh();
    }
  }

  private _onSelectionChanged(): void {
    this._deployCheck.update(this._selection.names);
    this._changed.emit();
  }

  private _source: ITrialComponentsSource;
  private _pageSize: number;
  private _view: IListViewState;
  private _rows: PagedRows;
  private _pending: PagedRows | null = null;
  private _pendingPages = 0;
  private _requiredPages = 1;
  private _visible: [number, number] = [0, 0];
  private _pumping = false;
  private _error: string | null = null;
  private _selection = new RowSelection();
  private _deployCheck: DeployCheckModel;
  private _autoRefreshInterval = 0;
  private _timer: ReturnType<typeof setInterval> | null = null;
  private _changed = new Signal<this, void>(this);
  private _viewStateChanged = new Signal<this, IListViewState>(this);
  private _isDisposed = false;
}

/**
 * The namespace for `TrialComponentListModel` statics.
 */
export namespace TrialComponentListModel {
  /**
   * The options to create a `TrialComponentListModel`. Filters must be valid.
   */
  export interface IOptions {
    source: ITrialComponentsSource;
    scope?: ITrialComponentScope;
    columns?: IColumnState;
    sort?: ISortState;
    filters?: IFilterCondition[];
    /**
     * Rows per page, 1 to 100. The default is 100.
     */
    pageSize?: number;
  }
}
