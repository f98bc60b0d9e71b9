import { ApiError, ChurnStudioApi } from '../api';
import { EndpointsApi } from '../endpoints/endpointsApi';
import { serverSettingsWithFetch } from './fakeServer';

interface IRequest {
  url: string;
  method: string;
  body: string;
  authorization: string | null;
}

/**
 * Builds an EndpointsApi whose fetch records each request with its body and replies with `reply`.
 */
function recordingApi(reply: { status: number; json: unknown }): { api: EndpointsApi; requests: IRequest[] } {
  const requests: IRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push({
      url: request.url.replace(/[?&]\d+$/, ''),
      method: request.method,
      body: await request.text(),
      authorization: request.headers.get('Authorization')
    });
    return new Response(JSON.stringify(reply.json), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' }
    });
  };
  const serverSettings = serverSettingsWithFetch(fetch);
  return { api: new EndpointsApi(new ChurnStudioApi({ serverSettings })), requests };
}

const BASE = 'http://127.0.0.1:8888/a%40b/churn-studio/api';

describe('EndpointsApi', () => {
  it('lists endpoints with the token', async () => {
    const { api, requests } = recordingApi({ status: 200, json: { endpoints: [] } });

    expect(await api.listEndpoints()).toEqual([]);

    expect(requests[0].url).toBe(`${BASE}/endpoints`);
    expect(requests[0].method).toBe('GET');
    expect(requests[0].authorization).toBe('token secret-token');
  });

  it('posts the deploy request as JSON', async () => {
    const { api, requests } = recordingApi({ status: 202, json: { name: 'e', status: 'Creating' } });
    const request = {
      endpointName: 'e',
      trialComponentName: 'tc',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1,
      dataCapture: { enabled: true, samplingPercentage: 100 }
    };

    const row = await api.deploy(request);

    expect(row.status).toBe('Creating');
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(`${BASE}/endpoints`);
    expect(JSON.parse(requests[0].body)).toEqual(request);
  });

  it('escapes the name in invocation URLs and sends the body', async () => {
    const { api, requests } = recordingApi({
      status: 200,
      json: { body: '0.25', contentType: 'text/csv', latencyMs: 3.5 }
    });

    const result = await api.invoke('a/b', '1,2,3');

    expect(result.latencyMs).toBe(3.5);
    expect(requests[0].url).toBe(`${BASE}/endpoints/a%2Fb/invocations`);
    expect(JSON.parse(requests[0].body)).toEqual({ contentType: 'text/csv', body: '1,2,3' });
  });

  it('deletes with DELETE', async () => {
    const { api, requests } = recordingApi({
      status: 200,
      json: { endpointName: 'e', deletedEndpointConfig: 'e', deletedModels: ['e'] }
    });

    await api.deleteEndpoint('e');

    expect(requests[0].method).toBe('DELETE');
    expect(requests[0].url).toBe(`${BASE}/endpoints/e`);
  });

  it('throws the server message of a 424', async () => {
    const { api } = recordingApi({
      status: 424,
      json: { message: 'Received client error (400) from primary with message "bad row".' }
    });

    await expect(api.invoke('e', 'x')).rejects.toThrow(
      new ApiError(`${BASE}/endpoints/e/invocations`, 424, 'Received client error (400) from primary with message "bad row".')
    );
  });

  it('fetches the sample row', async () => {
    const { api, requests } = recordingApi({
      status: 200,
      json: { row: '1,2', contentType: 'text/csv', source: 'validation', sourceUri: 's3://b/v' }
    });

    expect((await api.getSampleRow('e')).row).toBe('1,2');
    expect(requests[0].url).toBe(`${BASE}/endpoints/e/sample-row`);
  });
});
