import { ApiError, ApiNetworkError } from '../api';
import { MonitoringApi } from '../monitoring/monitoringApi';
import { serverSettingsWithFetch } from './fakeServer';
import { execution, executionDetail, schedule } from './monitoringFixtures';

interface IRecorded {
  method: string;
  path: string;
  body: string;
}

/**
 * Builds a `MonitoringApi` whose fetch records method, path and body and replies with `reply`.
 * The base URL contains an escaped `@` so that URL joining that decodes it fails.
 */
function apiWith(reply: (request: IRecorded) => Response | Error): { api: MonitoringApi; requests: IRecorded[] } {
  const requests: IRecorded[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const recorded = {
      method: request.method,
      path: new URL(request.url).pathname,
      body: await request.text()
    };
    requests.push(recorded);
    const result = reply(recorded);
    if (result instanceof Error) {
      throw result;
    }
    return result;
  };
  const serverSettings = serverSettingsWithFetch(fetch);
  return { api: new MonitoringApi({ serverSettings }), requests };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const PREFIX = '/a%40b/churn-studio/api';

describe('MonitoringApi', () => {
  it('lists an endpoint schedules and executions', async () => {
    const { api, requests } = apiWith(request =>
      request.path.endsWith('monitoring-schedules')
        ? json(200, { schedules: [schedule()] })
        : json(200, { executions: [execution()] })
    );

    const schedules = await api.listSchedules('churn endpoint/1');
    const executions = await api.listExecutions('churn endpoint/1');

    expect(schedules.map(item => item.name)).toEqual(['churn-schedule']);
    expect(executions.map(item => item.status)).toEqual(['CompletedWithViolations']);
    expect(requests.map(item => `${item.method} ${item.path}`)).toEqual([
      `GET ${PREFIX}/endpoints/churn%20endpoint%2F1/monitoring-schedules`,
      `GET ${PREFIX}/endpoints/churn%20endpoint%2F1/monitoring-executions`
    ]);
  });

  it('fetches one execution report', async () => {
    const { api, requests } = apiWith(() => json(200, executionDetail()));

    const detail = await api.getExecution('model-monitoring-1');

    expect(detail.links.trialComponentName).toBe('churn-job-1-aws-training-job');
    expect(requests[0].path).toBe(`${PREFIX}/monitoring-executions/model-monitoring-1`);
  });

  it('posts a new schedule as JSON', async () => {
    const { api, requests } = apiWith(() => json(201, schedule({ name: 'second' })));

    const created = await api.createSchedule({
      endpointName: 'churn-endpoint',
      scheduleName: 'second',
      scheduleExpression: 'hourly',
      baselineJobName: 'baseline-job'
    });

    expect(created.name).toBe('second');
    expect(requests[0].method).toBe('POST');
    expect(requests[0].path).toBe(`${PREFIX}/monitoring-schedules`);
    expect(JSON.parse(requests[0].body)).toEqual({
      endpointName: 'churn-endpoint',
      scheduleName: 'second',
      scheduleExpression: 'hourly',
      baselineJobName: 'baseline-job'
    });
  });

  it('runs, stops and starts a schedule', async () => {
    const { api, requests } = apiWith(request =>
      request.path.endsWith('/run')
        ? json(202, { execution: execution({ status: 'Pending' }) })
        : json(200, schedule({ status: request.path.endsWith('/stop') ? 'Stopped' : 'Scheduled' }))
    );

    const started = await api.runSchedule('churn-schedule');
    const stopped = await api.stopSchedule('churn-schedule');
    const restarted = await api.startSchedule('churn-schedule');

    expect(started.status).toBe('Pending');
    expect(stopped.status).toBe('Stopped');
    expect(restarted.status).toBe('Scheduled');
    expect(requests.map(item => `${item.method} ${item.path}`)).toEqual([
      `POST ${PREFIX}/monitoring-schedules/churn-schedule/run`,
      `POST ${PREFIX}/monitoring-schedules/churn-schedule/stop`,
      `POST ${PREFIX}/monitoring-schedules/churn-schedule/start`
    ]);
  });

  it('accepts the empty body of a delete', async () => {
    const { api, requests } = apiWith(() => new Response(null, { status: 204 }));

    await expect(api.deleteSchedule('churn-schedule')).resolves.toBeUndefined();

    expect(requests[0].method).toBe('DELETE');
    expect(requests[0].path).toBe(`${PREFIX}/monitoring-schedules/churn-schedule`);
  });

  it('lists endpoints for the notifications', async () => {
    const { api, requests } = apiWith(() =>
      json(200, { endpoints: [{ name: 'churn-endpoint', status: 'InService' }] })
    );

    const endpoints = await api.listEndpoints();

    expect(endpoints).toEqual([{ name: 'churn-endpoint', status: 'InService' }]);
    expect(requests[0].path).toBe(`${PREFIX}/endpoints`);
  });

  it('raises the server message with the status', async () => {
    const { api } = apiWith(() =>
      json(404, { message: 'Monitoring schedule "gone" not found', reason: 'Not Found' })
    );

    const failure = api.stopSchedule('gone');

    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 404, message: 'Monitoring schedule "gone" not found' });
  });

  it('falls back to the status line for HTML errors', async () => {
    const { api } = apiWith(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));

    await expect(api.listSchedules('e')).rejects.toMatchObject({ status: 502, message: '502 Bad Gateway' });
  });

  it('reports invalid JSON and network failures', async () => {
    const invalid = apiWith(() => new Response('{not json', { status: 200 }));
    const offline = apiWith(() => new TypeError('Failed to fetch'));

    await expect(invalid.api.listExecutions('e')).rejects.toThrow('The server returned invalid JSON');
    await expect(offline.api.listExecutions('e')).rejects.toBeInstanceOf(ApiNetworkError);
  });
});
