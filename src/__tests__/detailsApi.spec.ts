import { ApiError, ChurnStudioApi } from '../api';
import { fakeServerSettings } from './fakeServer';
import { component, metricSeries } from './chartFixtures';
import { trainingJob } from './detailsFixtures';

function withoutCacheBuster(url: string): string {
  return url.replace(/[?&]\d+$/, '');
}

describe('ChurnStudioApi details and series', () => {
  it('fetches one trial component with its training job', async () => {
    const detail = component('churn-job-aws-training-job', { trainingJob: trainingJob() });
    const { settings, requests } = fakeServerSettings(() => ({ status: 200, json: detail }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const reply = await api.getTrialComponent('churn-job-aws-training-job');

    expect(reply.trainingJob?.debugRules.map(item => item.name)).toEqual([
      'LossNotDecreasing',
      'Overtraining',
      'Overfit'
    ]);
    expect(withoutCacheBuster(requests[0].url)).toBe(
      'http://127.0.0.1:8888/a%40b/churn-studio/api/trial-components/churn-job-aws-training-job'
    );
  });

  it('encodes the metric name and query', async () => {
    const { settings, requests } = fakeServerSettings(() => ({
      status: 200,
      json: metricSeries('job', 'validation:error')
    }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const series = await api.getMetricSeries('job', 'validation/error:rate', { buckets: 200, xAxis: 'step' });

    expect(series.max).toEqual([0.3, 0.2, 0.1]);
    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/a%40b/churn-studio/api/trial-components/job/metrics/validation%2Ferror%3Arate');
    expect(url.searchParams.get('buckets')).toBe('200');
    expect(url.searchParams.get('xAxis')).toBe('step');
  });

  it('sends no query without options', async () => {
    const { settings, requests } = fakeServerSettings(() => ({ status: 200, json: {} }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    await api.getMetricSeries('job', 'loss');

    const url = new URL(requests[0].url);
    expect(url.searchParams.get('buckets')).toBeNull();
    expect(url.searchParams.get('xAxis')).toBeNull();
  });

  it('raises the server message for a missing metric', async () => {
    const { settings } = fakeServerSettings(() => ({
      status: 404,
      json: { message: "Metric 'loss' not found on trial component 'job'. Its metrics are none." }
    }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const failure = api.getMetricSeries('job', 'loss');

    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      status: 404,
      message: "Metric 'loss' not found on trial component 'job'. Its metrics are none."
    });
  });
});
