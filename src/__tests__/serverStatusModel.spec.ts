import { ApiError, ApiNetworkError, IServerStatus } from '../api';
import { ServerStatusModel } from '../models/serverStatusModel';

const LOCAL_STATUS: IServerStatus = {
  backend: 'local',
  version: '0.1.0',
  home: '/tmp/studio',
  region: null
};

function modelReplying(reply: () => Promise<IServerStatus>): ServerStatusModel {
  return new ServerStatusModel({ source: { getStatus: reply }, frontendVersion: '0.1.0' });
}

describe('ServerStatusModel', () => {
  it('starts in the checking state', () => {
    const model = modelReplying(() => Promise.resolve(LOCAL_STATUS));

    expect(model.check).toEqual({ kind: 'checking' });
  });

  it('accepts a server of the same version', async () => {
    const model = modelReplying(() => Promise.resolve(LOCAL_STATUS));

    const check = await model.refresh();

    expect(check).toEqual({ kind: 'ok', status: LOCAL_STATUS });
    expect(model.check).toBe(check);
  });

  it('reports both versions on a mismatch', async () => {
    const model = modelReplying(() => Promise.resolve({ ...LOCAL_STATUS, version: '0.0.9' }));

    const check = await model.refresh();

    expect(check).toEqual({
      kind: 'mismatch',
      status: { ...LOCAL_STATUS, version: '0.0.9' },
      serverVersion: '0.0.9',
      frontendVersion: '0.1.0'
    });
  });

  it('treats 404 as a missing server extension', async () => {
    const model = modelReplying(() =>
      Promise.reject(new ApiError('/a/churn-studio/api/status', 404, '404 Not Found'))
    );

    const check = await model.refresh();

    expect(check).toEqual({ kind: 'missing', detail: '404 Not Found' });
  });

  it('treats a network failure as a missing server extension', async () => {
    const model = modelReplying(() =>
      Promise.reject(new ApiNetworkError('/a/churn-studio/api/status', 'Failed to fetch'))
    );

    const check = await model.refresh();

    expect(check).toEqual({ kind: 'missing', detail: 'Failed to fetch' });
  });

  it('passes on other server errors', async () => {
    const model = modelReplying(() =>
      Promise.reject(new ApiError('/a/churn-studio/api/status', 500, 'Store migration failed'))
    );

    const check = await model.refresh();

    expect(check).toEqual({ kind: 'error', message: 'Store migration failed' });
  });

  it('emits checking then the result', async () => {
    const model = modelReplying(() => Promise.resolve(LOCAL_STATUS));
    const kinds: string[] = [];
    model.changed.connect((_, check) => kinds.push(check.kind));

    await model.refresh();

    expect(kinds).toEqual(['checking', 'ok']);
  });
});
