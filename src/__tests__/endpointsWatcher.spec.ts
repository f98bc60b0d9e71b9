import { nullTranslator } from '@jupyterlab/translation';

import { DeploymentWatcher, IDeploymentNotice } from '../endpoints/deploymentWatcher';
import { IEndpoint } from '../endpoints/endpointsApi';
import { ApiError } from '../api';
import { endpoint } from './endpointsFixtures';

const trans = nullTranslator.load('churn_studio_ext');

function watcher(replies: (IEndpoint | Error)[], notices: IDeploymentNotice[]): DeploymentWatcher {
  let calls = 0;
  return new DeploymentWatcher({
    getEndpoint: async () => {
      const reply = replies[Math.min(calls++, replies.length - 1)];
      if (reply instanceof Error) {
        throw reply;
      }
      return reply;
    },
    notify: notice => notices.push(notice),
    trans,
    intervalMs: 0,
    sleep: async () => undefined
  });
}

describe('DeploymentWatcher', () => {
  it('follows Creating to InService with one notice per change', async () => {
    const notices: IDeploymentNotice[] = [];

    const last = await watcher(
      [endpoint('e', 'Creating'), endpoint('e', 'InService')],
      notices
    ).watch(endpoint('e', 'Creating'));

    expect(notices).toEqual([
      { kind: 'in-progress', message: 'Endpoint e is Creating…' },
      { kind: 'success', message: 'Endpoint e is InService.' }
    ]);
    expect(last.kind).toBe('success');
  });

  it('shows the FailureReason of a Failed endpoint', async () => {
    const notices: IDeploymentNotice[] = [];

    await watcher(
      [endpoint('e', 'Failed', { failureReason: 'The model archive s3://b/m.tar.gz does not exist.' })],
      notices
    ).watch(endpoint('e', 'Creating'));

    expect(notices[notices.length - 1]).toEqual({
      kind: 'error',
      message: 'Endpoint e failed: The model archive s3://b/m.tar.gz does not exist.'
    });
  });

  it('ends with an error when the endpoint disappears', async () => {
    const notices: IDeploymentNotice[] = [];

    const last = await watcher(
      [new ApiError('url', 404, "Endpoint 'e' not found on the local backend.")],
      notices
    ).watch(endpoint('e', 'Creating'));

    expect(last).toEqual({
      kind: 'error',
      message: "Endpoint e could not be followed: Endpoint 'e' not found on the local backend."
    });
  });

  it('retries network errors before giving up', async () => {
    const notices: IDeploymentNotice[] = [];

    const last = await watcher(
      [new Error('Failed to fetch'), new Error('Failed to fetch'), endpoint('e', 'InService')],
      notices
    ).watch(endpoint('e', 'Creating'));

    expect(last.kind).toBe('success');
  });

  it('reports an endpoint that is InService at once', async () => {
    const notices: IDeploymentNotice[] = [];

    await watcher([], notices).watch(endpoint('e', 'InService'));

    expect(notices).toEqual([{ kind: 'success', message: 'Endpoint e is InService.' }]);
  });
});
