import { ApiError, ApiNetworkError, ChurnStudioApi } from '../api';
import { fakeServerSettings } from './fakeServer';

const EXPERIMENT = {
  name: 'churn-xgboost',
  displayName: 'Churn XGBoost',
  arn: 'arn:aws:sagemaker:us-east-1:000000000000:experiment/churn-xgboost',
  description: null,
  created: '2026-12-04T20:31:05.123000+00:00',
  lastModified: '2026-12-04T20:31:05.123000+00:00',
  trialCount: 3
};

/**
 * Drops the timestamp that ServerConnection appends to every GET URL to defeat HTTP caches.
 */
function withoutCacheBuster(url: string): string {
  return url.replace(/[?&]\d+$/, '');
}

describe('ChurnStudioApi', () => {
  it('joins the status URL below the base URL', async () => {
    const { settings, requests } = fakeServerSettings(() => ({
      status: 200,
      json: { backend: 'local', version: '0.1.0', home: '/tmp/studio', region: null }
    }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const status = await api.getStatus();

    expect(status.backend).toBe('local');
    expect(status.home).toBe('/tmp/studio');
    expect(requests).toHaveLength(1);
    expect(withoutCacheBuster(requests[0].url)).toBe(
      'http://127.0.0.1:8888/a%40b/churn-studio/api/status'
    );
    expect(requests[0].method).toBe('GET');
  });

  it('sends the token in the Authorization header', async () => {
    const { settings, requests } = fakeServerSettings(() => ({
      status: 200,
      json: { experiments: [] }
    }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    await api.listExperiments();

    expect(requests[0].authorization).toBe('token secret-token');
  });

  it('lists experiments from the reply', async () => {
    const { settings } = fakeServerSettings(() => ({
      status: 200,
      json: { experiments: [EXPERIMENT] }
    }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const experiments = await api.listExperiments();

    expect(experiments).toEqual([EXPERIMENT]);
  });

  it('encodes the query parameter', async () => {
    const { settings, requests } = fakeServerSettings(() => ({
      status: 200,
      json: { experiments: [] }
    }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    await api.listExperiments('churn & co');

    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/a%40b/churn-studio/api/experiments');
    expect(url.searchParams.get('query')).toBe('churn & co');
  });

  it('omits an empty query', async () => {
    const { settings, requests } = fakeServerSettings(() => ({
      status: 200,
      json: { experiments: [] }
    }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    await api.listExperiments('');

    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/a%40b/churn-studio/api/experiments');
    expect(url.searchParams.has('query')).toBe(false);
  });

  it('raises ApiError with the server message', async () => {
    const { settings } = fakeServerSettings(() => ({
      status: 400,
      json: { message: "Invalid query 'x': use at most 200 characters." }
    }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const error = await api.listExperiments('x').catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toBe("Invalid query 'x': use at most 200 characters.");
    expect((error as ApiError).url).toContain('/churn-studio/api/experiments');
  });

  it('falls back to the status line for an HTML error page', async () => {
    const { settings } = fakeServerSettings(() => ({
      status: 404,
      text: '<html><body>404: Not Found</body></html>'
    }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const error = await api.getStatus().catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toMatch(/^404/);
  });

  it('raises ApiNetworkError when no reply came', async () => {
    const { settings } = fakeServerSettings(() => ({ networkError: 'connection refused' }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const error = await api.getStatus().catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(ApiNetworkError);
    expect((error as ApiNetworkError).message).toContain('connection refused');
  });

  it('raises ApiError for a reply that is not JSON', async () => {
    const { settings } = fakeServerSettings(() => ({ status: 200, text: 'not json' }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const error = await api.getStatus().catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain('invalid JSON');
  });

  it('parses an empty body to null', async () => {
    const { settings, requests } = fakeServerSettings(() => ({ status: 200, text: ' ' }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const reply = await api.requestJson<null>('monitoring-schedules/s', { method: 'DELETE' });

    expect(reply).toBeNull();
    expect(requests[0].method).toBe('DELETE');
  });
});
