import { ISignal, Signal } from '@lumino/signaling';

import {
  IEndpointDetail,
  IInvocationResult,
  ISampleRow,
  TRANSITIONAL_STATUSES
} from './endpointsApi';

/**
 * The REST calls that the details model makes.
 */
export interface IEndpointDetailsSource {
  getEndpoint(name: string): Promise<IEndpointDetail>;
  getSampleRow(name: string): Promise<ISampleRow>;
  invoke(name: string, body: string, contentType?: string): Promise<IInvocationResult>;
}

/**
 * One endpoint's settings, its sample row and the state of the invoke test form.
 */
export class EndpointDetailsModel {
  constructor(options: EndpointDetailsModel.IOptions) {
    this.name = options.name;
    this._source = options.source;
    this._pollIntervalMs = options.pollIntervalMs ?? 2000;
  }

  readonly name: string;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get detail(): IEndpointDetail | null {
    return this._detail;
  }

  get isLoading(): boolean {
    return this._isLoading;
  }

  get error(): string | null {
    return this._error;
  }

  /**
   * The request body of the invoke form, pre-filled from the sample row once it loads.
   */
  get requestBody(): string {
    return this._requestBody;
  }

  set requestBody(value: string) {
    this._requestBody = value;
    this._bodyEdited = true;
    this._changed.emit();
  }

  get contentType(): string {
    return this._contentType;
  }

  set contentType(value: string) {
    this._contentType = value;
    this._changed.emit();
  }

  get sample(): ISampleRow | null {
    return this._sample;
  }

  get sampleError(): string | null {
    return this._sampleError;
  }

  get isInvoking(): boolean {
    return this._isInvoking;
  }

  get invocation(): IInvocationResult | null {
    return this._invocation;
  }

  get invocationError(): string | null {
    return this._invocationError;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Fetches the endpoint, then the sample row once; polls while the endpoint is changing.
   */
  async refresh(): Promise<void> {
    if (this._isDisposed) {
      return;
    }
    this._clearTimer();
    this._isLoading = true;
    this._changed.emit();
    try {
      this._detail = await this._source.getEndpoint(this.name);
      this._error = null;
    } catch (error) {
      this._error = (error as Error).message;
    }
    if (this._isDisposed) {
      return;
    }
    this._isLoading = false;
    this._changed.emit();

    if (this._detail && TRANSITIONAL_STATUSES.has(this._detail.status) && this._pollIntervalMs > 0) {
      this._timer = setTimeout(() => {
        this._timer = null;
        void this.refresh();
      }, this._pollIntervalMs);
    }
    if (this._detail && this._sample === null && this._sampleError === null) {
      await this.loadSample();
    }
  }

  /**
   * Fetches a sample row and puts it in the request body unless the user typed one.
   */
  async loadSample(): Promise<void> {
    try {
      this._sample = await this._source.getSampleRow(this.name);
      this._sampleError = null;
      if (!this._bodyEdited) {
        this._requestBody = this._sample.row;
        this._contentType = this._sample.contentType;
      }
    } catch (error) {
      this._sampleError = (error as Error).message;
    }
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  /**
   * Sends the request body to the endpoint and records the response or the error.
   */
  async invoke(): Promise<void> {
    this._isInvoking = true;
    this._invocationError = null;
    this._changed.emit();
    try {
      this._invocation = await this._source.invoke(this.name, this._requestBody, this._contentType);
    } catch (error) {
      this._invocation = null;
      this._invocationError = (error as Error).message;
    }
    this._isInvoking = false;
    if (!this._isDisposed) {
      this._changed.emit();
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

  private _clearTimer(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _source: IEndpointDetailsSource;
  private _pollIntervalMs: number;
  private _detail: IEndpointDetail | null = null;
  private _isLoading = false;
  private _error: string | null = null;
  private _sample: ISampleRow | null = null;
  private _sampleError: string | null = null;
  private _requestBody = '';
  private _bodyEdited = false;
  private _contentType = 'text/csv';
  private _isInvoking = false;
  private _invocation: IInvocationResult | null = null;
  private _invocationError: string | null = null;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}

export namespace EndpointDetailsModel {
  export interface IOptions {
    name: string;
    source: IEndpointDetailsSource;
    pollIntervalMs?: number;
  }
}
