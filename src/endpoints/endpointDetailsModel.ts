import { PollingModel } from '../models/pollingModel';
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
export class EndpointDetailsModel extends PollingModel {
  constructor(options: EndpointDetailsModel.IOptions) {
    super();
    this.name = options.name;
    this._source = options.source;
    this._pollIntervalMs = options.pollIntervalMs ?? 2000;
  }

  readonly name: string;

  get detail(): IEndpointDetail | null {
    return this._detail;
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
    this._sampleLoad = null;
    this.emitChanged();
  }

  get contentType(): string {
    return this._contentType;
  }

  set contentType(value: string) {
    this._contentType = value;
    this.emitChanged();
  }

  get sample(): ISampleRow | null {
    return this._sample;
  }

  get sampleError(): string | null {
    return this._sampleError;
  }

  /**
   * The outcome of the last `loadSampleIntoBody`, or null before the first one or after the
   * body was edited. `unchanged` is true when the body already contained the sample row.
   */
  get sampleLoad(): { sample: ISampleRow; unchanged: boolean } | null {
    return this._sampleLoad;
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

  /**
   * Fetches the endpoint, then the sample row once; polls while the endpoint is changing.
   */
  async refresh(): Promise<void> {
    await super.refresh();
    if (!this.isDisposed && this._detail && this._sample === null && this._sampleError === null) {
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
    if (!this.isDisposed) {
      this.emitChanged();
    }
  }

  /**
   * Fetches a sample row and puts it in the request body, replacing what the user typed, because
   * the user asked for it. Records the outcome in `sampleLoad` so the form can confirm it even
   * when the body does not change.
   */
  async loadSampleIntoBody(): Promise<void> {
    this._sampleLoad = null;
    try {
      const sample = await this._source.getSampleRow(this.name);
      const unchanged = this._requestBody === sample.row && this._contentType === sample.contentType;
      this._sample = sample;
      this._sampleError = null;
      this._requestBody = sample.row;
      this._contentType = sample.contentType;
      this._bodyEdited = false;
      this._sampleLoad = { sample, unchanged };
    } catch (error) {
      this._sampleError = (error as Error).message;
    }
    if (!this.isDisposed) {
      this.emitChanged();
    }
  }

  /**
   * Sends the request body to the endpoint and records the response or the error.
   */
  async invoke(): Promise<void> {
    this._isInvoking = true;
    this._invocationError = null;
    this.emitChanged();
    try {
      this._invocation = await this._source.invoke(this.name, this._requestBody, this._contentType);
    } catch (error) {
      this._invocation = null;
      this._invocationError = (error as Error).message;
    }
    this._isInvoking = false;
    if (!this.isDisposed) {
      this.emitChanged();
    }
  }

  protected async load(isCurrent: () => boolean): Promise<void> {
    try {
      const detail = await this._source.getEndpoint(this.name);
      if (isCurrent()) {
        this._detail = detail;
        this._error = null;
      }
    } catch (error) {
      if (isCurrent()) {
        this._error = (error as Error).message;
      }
    }
  }

  protected nextPollMs(): number {
    const changing = this._detail !== null && TRANSITIONAL_STATUSES.has(this._detail.status);
    return changing ? this._pollIntervalMs : 0;
  }

  private _source: IEndpointDetailsSource;
  private _pollIntervalMs: number;
  private _detail: IEndpointDetail | null = null;
  private _error: string | null = null;
  private _sample: ISampleRow | null = null;
  private _sampleError: string | null = null;
  private _sampleLoad: { sample: ISampleRow; unchanged: boolean } | null = null;
  private _requestBody = '';
  private _bodyEdited = false;
  private _contentType = 'text/csv';
  private _isInvoking = false;
  private _invocation: IInvocationResult | null = null;
  private _invocationError: string | null = null;
}

export namespace EndpointDetailsModel {
  export interface IOptions {
    name: string;
    source: IEndpointDetailsSource;
    pollIntervalMs?: number;
  }
}
