import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

/**
 * The base of view models that fetch their data from the server and refetch it on a timer while
 * it is still changing, e.g. while a training job runs or an endpoint is being created.
 *
 * Only the newest refresh may store its reply and finish, so a slow reply that a newer refresh
 * overtook is dropped.
 */
export abstract class PollingModel implements IDisposable {
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isLoading(): boolean {
    return this._isLoading;
  }

  /**
   * Whether a timer refresh is pending because the data is still changing.
   */
  get isPolling(): boolean {
    return this._timer !== null;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Fetches the data, then schedules the next refresh while the data is still changing.
   */
  async refresh(): Promise<void> {
    if (this._isDisposed) {
      return;
    }
    this._clearTimer();
    const request = ++this._request;
    const isCurrent = (): boolean => request === this._request && !this._isDisposed;
    this._isLoading = true;
    this._changed.emit();

    await this.load(isCurrent);
    if (!isCurrent()) {
      return;
    }
    this._isLoading = false;
    this.schedulePoll();
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

  /**
   * Fetches the data and stores it, or stores the error message and keeps the earlier data.
   * It must not reject. After each await it stores nothing once `isCurrent()` returns false.
   */
  protected abstract load(isCurrent: () => boolean): Promise<void>;

  /**
   * Returns the milliseconds until the next refresh, or 0 when the data no longer changes or
   * polling is off.
   */
  protected abstract nextPollMs(): number;

  /**
   * Replaces the pending timer refresh with one `nextPollMs()` from now. A running refresh
   * schedules its own when it ends.
   */
  protected schedulePoll(): void {
    this._clearTimer();
    const delay = this._isDisposed || this._isLoading ? 0 : this.nextPollMs();
    if (delay <= 0) {
      return;
    }
    this._timer = setTimeout(() => {
      this._timer = null;
      void this.refresh();
    }, delay);
  }

  protected emitChanged(): void {
    this._changed.emit();
  }

  private _clearTimer(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _isLoading = false;
  private _request = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}
