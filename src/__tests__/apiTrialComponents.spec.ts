import { ChurnStudioApi } from '../api';
import { fakeServerSettings } from './fakeServer';

const EMPTY_PAGE = {
  items: [],
  total: 0,
  totalRelation: 'EqualTo',
  nextCursor: null,
  parameterNames: [],
  metricNames: []
};

/**
 * Returns the query parameters of a recorded URL, without ServerConnection's cache buster.
 */
function parameters(url: string): { [key: string]: string } {
  const search = new URL(url).searchParams;
  const result: { [key: string]: string } = {};
  search.forEach((value, key) => {
    if (!/^\d+$/.test(key)) {
      result[key] = value;
    }
  });
  return result;
}

describe('ChurnStudioApi trial components', () => {
  it('encodes the experiment in the trials path', async () => {
    const { settings, requests } = fakeServerSettings(() => ({ status: 200, json: { trials: [] } }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    await api.listTrials('churn tour');

    expect(new URL(requests[0].url).pathname).toBe('/a%40b/churn-studio/api/experiments/churn%20tour/trials');
  });

  it('sends every list parameter', async () => {
    const { settings, requests } = fakeServerSettings(() => ({ status: 200, json: EMPTY_PAGE }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    await api.listTrialComponents({
      experiment: 'churn-tour',
      filter: [{ Name: 'Parameters.min_child_weight', Operator: 'GreaterThan', Value: '2' }],
      sort: 'Metrics.validation:error.Last',
      order: 'asc',
      limit: 100,
      cursor: 'abc+/='
    });

    expect(parameters(requests[0].url)).toEqual({
      experiment: 'churn-tour',
      filter: '[{"Name":"Parameters.min_child_weight","Operator":"GreaterThan","Value":"2"}]',
      sort: 'Metrics.validation:error.Last',
      order: 'asc',
      limit: '100',
      cursor: 'abc+/='
    });
  });

  it('omits empty list parameters', async () => {
    const { settings, requests } = fakeServerSettings(() => ({ status: 200, json: EMPTY_PAGE }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    await api.listTrialComponents({ unassigned: true, filter: [], cursor: null });

    expect(parameters(requests[0].url)).toEqual({ unassigned: 'true' });
  });

  it('returns only the artifacts of a component', async () => {
    const { settings, requests } = fakeServerSettings(() => ({
      status: 200,
      json: {
        name: 'tc',
        inputArtifacts: {},
        outputArtifacts: { 'SageMaker.ModelArtifact': { value: 's3://m', mediaType: null } }
      }
    }));
    const api = new ChurnStudioApi({ serverSettings: settings });

    const artifacts = await api.getTrialComponentArtifacts('tc');

    expect(artifacts).toEqual({
      inputArtifacts: {},
      outputArtifacts: { 'SageMaker.ModelArtifact': { value: 's3://m', mediaType: null } }
    });
    expect(new URL(requests[0].url).pathname).toBe('/a%40b/churn-studio/api/trial-components/tc');
  });
});
