import { ChurnStudioApi } from '../api';

/**
 * An endpoint status of DescribeEndpoint.
 */
export type EndpointStatus =
  | 'OutOfService'
  | 'Creating'
  | 'Updating'
  | 'SystemUpdating'
  | 'RollingBack'
  | 'InService'
  | 'Deleting'
  | 'Failed'
  | 'UpdateRollbackFailed';

/**
 * Statuses that change on their own, so views keep polling while an endpoint has one.
 */
export const TRANSITIONAL_STATUSES: ReadonlySet<string> = new Set([
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'Deleting'
]);

/**
 * One endpoint of `GET endpoints`. Times are ISO 8601 strings in UTC. `trialComponentName` is
 * null for endpoints that this extension did not deploy.
 */
export interface IEndpoint {
  name: string;
  arn: string;
  status: EndpointStatus | string;
  creationTime: string | null;
  lastModifiedTime: string | null;
  modelName: string | null;
  trialComponentName: string | null;
  failureReason: string | null;
}

/**
 * One production variant of an endpoint with its model's container.
 */
export interface IEndpointVariant {
  variantName: string | null;
  modelName: string | null;
  instanceType: string | null;
  instanceCount: number | null;
  image: string | null;
  modelDataUrl: string | null;
}

/**
 * The data capture settings and state of an endpoint.
 */
export interface IDataCapture {
  enabled: boolean;
  captureStatus: 'Started' | 'Stopped' | null;
  samplingPercentage: number | null;
  destinationUri: string | null;
  captureModes: string[];
}

/**
 * The endpoint of `GET endpoints/<name>`.
 */
export interface IEndpointDetail extends IEndpoint {
  endpointConfigName: string | null;
  variants: IEndpointVariant[];
  dataCapture: IDataCapture | null;
}

/**
 * The body of `POST endpoints`.
 */
export interface IDeployRequest {
  endpointName: string;
  trialComponentName: string;
  instanceType: string;
  instanceCount: number;
  dataCapture: { enabled: boolean; samplingPercentage: number; destinationUri?: string };
}

/**
 * The reply of `POST endpoints/<name>/invocations`; `latencyMs` is measured by the server.
 */
export interface IInvocationResult {
  body: string;
  contentType: string | null;
  latencyMs: number;
}

/**
 * A CSV row to try an endpoint with, from the validation data or the latest captured request.
 */
export interface ISampleRow {
  row: string;
  contentType: string;
  source: 'validation' | 'capture';
  sourceUri: string;
}

/**
 * The reply of `DELETE endpoints/<name>`.
 */
export interface IDeletedEndpoint {
  endpointName: string;
  deletedEndpointConfig: string | null;
  deletedModels: string[];
}

/**
 * The endpoint routes of the server extension, on top of the shared REST client.
 */
export class EndpointsApi {
  constructor(api: ChurnStudioApi) {
    this._api = api;
  }

  async listEndpoints(): Promise<IEndpoint[]> {
    const reply = await this._api.requestJson<{ endpoints: IEndpoint[] }>('endpoints');
    return reply.endpoints;
  }

  async getEndpoint(name: string): Promise<IEndpointDetail> {
    return this._api.requestJson<IEndpointDetail>(`endpoints/${encodeURIComponent(name)}`);
  }

  /**
   * Creates the model, endpoint config and endpoint; the endpoint returned is usually Creating.
   */
  async deploy(request: IDeployRequest): Promise<IEndpoint> {
    return this._api.requestJson<IEndpoint>('endpoints', {
      method: 'POST',
      body: JSON.stringify(request)
    });
  }

  async deleteEndpoint(name: string): Promise<IDeletedEndpoint> {
    return this._api.requestJson<IDeletedEndpoint>(`endpoints/${encodeURIComponent(name)}`, {
      method: 'DELETE'
    });
  }

  async invoke(name: string, body: string, contentType = 'text/csv'): Promise<IInvocationResult> {
    return this._api.requestJson<IInvocationResult>(
      `endpoints/${encodeURIComponent(name)}/invocations`,
      { method: 'POST', body: JSON.stringify({ contentType, body }) }
    );
  }

  async getSampleRow(name: string): Promise<ISampleRow> {
    return this._api.requestJson<ISampleRow>(`endpoints/${encodeURIComponent(name)}/sample-row`);
  }

  private _api: ChurnStudioApi;
}
