import { ITrialComponentPage, ITrialComponentQuery, ITrialComponentRow } from '../api';
import { rowTags } from './columns';

/**
 * The pages of one query fetched so far, in order.
 *
 * The server pages with an opaque cursor, so page k can only be fetched with the `nextCursor` of
 * page k - 1. A `PagedRows` therefore grows from the first page on. A change of sort, filters or
 * scope needs a new `PagedRows`, because the server rejects a cursor under another query.
 */
export class PagedRows {
  constructor(query: ITrialComponentQuery, pageSize: number) {
    this.query = query;
    this.pageSize = pageSize;
  }

  /**
   * The query of every page, without `cursor` and `limit`.
   */
  readonly query: ITrialComponentQuery;

  readonly pageSize: number;

  /**
   * The number of pages fetched.
   */
  get pageCount(): number {
    return this._pages.length;
  }

  /**
   * The number of rows fetched.
   */
  get loadedCount(): number {
    return this._rows.length;
  }

  /**
   * Whether the server has more pages after the last one fetched. True before the first page.
   */
  get hasMore(): boolean {
    return this._nextCursor !== null || this._pages.length === 0;
  }

  /**
   * Whether the first page arrived and had no rows.
   */
  get isEmpty(): boolean {
    return this._pages.length > 0 && this._rows.length === 0;
  }

  /**
   * The server's count of matching rows, or null before the first page or when it does not
   * count.
   */
  get total(): number | null {
    return this._total;
  }

  /**
   * The number of rows to lay out: the total when the server counts (never less than what is
   * fetched), else the fetched rows plus one page while more exist.
   */
  get rowCount(): number {
    const lowerBound = this.loadedCount + (this.hasMore ? this.pageSize : 0);
    if (this._total === null) {
      return this._pages.length === 0 ? 0 : lowerBound;
    }
    return this.hasMore ? Math.max(this._total, this.loadedCount) : this.loadedCount;
  }

  /**
   * The union of parameter names over the fetched pages, sorted.
   */
  get parameterNames(): string[] {
    return [...this._parameterNames].sort();
  }

  /**
   * The union of metric names over the fetched pages, sorted.
   */
  get metricNames(): string[] {
    return [...this._metricNames].sort();
  }

  /**
   * The union of tag keys over the fetched rows, sorted.
   */
  get tagKeys(): string[] {
    return [...this._tagKeys].sort();
  }

  /**
   * Adds the parameter, metric and tag names of another query's pages.
   *
   * A re-sort matches the same rows, so the names of the previous sort are still columns. Keeping
   * them while the first page of the new sort loads keeps the table as wide as before, and the
   * browser does not clamp the horizontal scroll back to the left edge.
   */
  adoptNames(other: PagedRows): void {
    other._parameterNames.forEach(name => this._parameterNames.add(name));
    other._metricNames.forEach(name => this._metricNames.add(name));
    other._tagKeys.forEach(key => this._tagKeys.add(key));
  }

  /**
   * Returns the query of the next page to fetch.
   */
  nextQuery(): ITrialComponentQuery {
    return { ...this.query, limit: this.pageSize, cursor: this._nextCursor };
  }

  /**
   * Appends the next page. Its rows must follow the last fetched row.
   */
  append(page: ITrialComponentPage): void {
    this._pages.push(page.items.length);
    for (const row of page.items) {
      this._indexOf.set(row.name, this._rows.length);
      this._rows.push(row);
      for (const key of Object.keys(rowTags(row))) {
        this._tagKeys.add(key);
      }
    }
    this._nextCursor = page.nextCursor;
    this._total = page.total;
    page.parameterNames.forEach(name => this._parameterNames.add(name));
    page.metricNames.forEach(name => this._metricNames.add(name));
  }

  /**
   * Returns the row at `index`, or undefined when its page is not fetched yet.
   */
  rowAt(index: number): ITrialComponentRow | undefined {
    return this._rows[index];
  }

  /**
   * Returns the index of the fetched row with this name, or -1.
   */
  indexOf(name: string): number {
    return this._indexOf.get(name) ?? -1;
  }

  /**
   * Returns the fetched rows from `start` up to, not including, `end`.
   */
  slice(start: number, end: number): ITrialComponentRow[] {
    return this._rows.slice(start, end);
  }

  private _pages: number[] = [];
  private _rows: ITrialComponentRow[] = [];
  private _indexOf = new Map<string, number>();
  private _nextCursor: string | null = null;
  private _total: number | null = null;
  private _parameterNames = new Set<string>();
  private _metricNames = new Set<string>();
  private _tagKeys = new Set<string>();
}
