import { EndpointDetailsModel, IEndpointDetailsSource } from '../endpoints/endpointDetailsModel';
import { IEndpointDetail, IInvocationResult, ISampleRow } from '../endpoints/endpointsApi';
import { endpoint } from './endpointsFixtures';

function detail(status: string): IEndpointDetail {
  return {
    ...endpoint('e', status),
    endpointConfigName: 'e',
    variants: [],
    dataCapture: null
  };
}

class FakeSource implements IEndpointDetailsSource {
  statuses: string[] = ['InService'];
  sample: ISampleRow | Error = { row: '1,2,3', contentType: 'text/csv', source: 'validation', sourceUri: 's3://b/v' };
  invocation: IInvocationResult | Error = { body: '0.0254181120544672', contentType: 'text/csv', latencyMs: 4.2 };
  getCalls = 0;
  invoked: { body: string; contentType?: string }[] = [];

  async getEndpoint(): Promise<IEndpointDetail> {
    return detail(this.statuses[Math.min(this.getCalls++, this.statuses.length - 1)]);
  }

  async getSampleRow(): Promise<ISampleRow> {
    if (this.sample instanceof Error) {
      throw this.sample;
    }
    return this.sample;
  }

  async invoke(name: string, body: string, contentType?: string): Promise<IInvocationResult> {
    this.invoked.push({ body, contentType });
    if (this.invocation instanceof Error) {
      throw this.invocation;
    }
    return this.invocation;
  }
}

describe('EndpointDetailsModel', () => {
  afterEach(() => jest.useRealTimers());

  it('pre-fills the request body from the sample row', async () => {
    const source = new FakeSource();
    const model = new EndpointDetailsModel({ name: 'e', source });

    await model.refresh();

    expect(model.detail?.status).toBe('InService');
    expect(model.requestBody).toBe('1,2,3');
    expect(model.contentType).toBe('text/csv');
    model.dispose();
  });

  it('keeps a typed body when the sample loads again', async () => {
    const source = new FakeSource();
    const model = new EndpointDetailsModel({ name: 'e', source });
    await model.refresh();

    model.requestBody = '9,9,9';
    await model.loadSample();

    expect(model.requestBody).toBe('9,9,9');
    model.dispose();
  });

  it('replaces a typed body on request', async () => {
    const source = new FakeSource();
    const model = new EndpointDetailsModel({ name: 'e', source });
    await model.refresh();
    model.requestBody = '9,9,9';

    await model.loadSampleIntoBody();

    expect(model.requestBody).toBe('1,2,3');
    expect(model.sampleLoad?.unchanged).toBe(false);
    expect(model.sampleLoad?.sample.sourceUri).toBe('s3://b/v');
    model.dispose();
  });

  it('reports an unchanged sample load', async () => {
    const source = new FakeSource();
    const model = new EndpointDetailsModel({ name: 'e', source });
    await model.refresh();
    expect(model.sampleLoad).toBeNull();

    await model.loadSampleIntoBody();

    expect(model.requestBody).toBe('1,2,3');
    expect(model.sampleLoad?.unchanged).toBe(true);
    model.dispose();
  });

  it('forgets the sample load after an edit', async () => {
    const source = new FakeSource();
    const model = new EndpointDetailsModel({ name: 'e', source });
    await model.refresh();
    await model.loadSampleIntoBody();

    model.requestBody = '1,2';

    expect(model.sampleLoad).toBeNull();
    model.dispose();
  });

  it('shows why no sample row exists', async () => {
    const source = new FakeSource();
    source.sample = new Error('No sample row for endpoint e');
    const model = new EndpointDetailsModel({ name: 'e', source });

    await model.refresh();

    expect(model.sampleError).toBe('No sample row for endpoint e');
    expect(model.requestBody).toBe('');
    model.dispose();
  });

  it('invokes with the body and records response and latency', async () => {
    const source = new FakeSource();
    const model = new EndpointDetailsModel({ name: 'e', source });
    await model.refresh();

    await model.invoke();

    expect(source.invoked).toEqual([{ body: '1,2,3', contentType: 'text/csv' }]);
    expect(model.invocation?.body).toBe('0.0254181120544672');
    expect(model.invocation?.latencyMs).toBe(4.2);
    expect(model.isInvoking).toBe(false);
    model.dispose();
  });

  it('shows the model error and clears the old response', async () => {
    const source = new FakeSource();
    const model = new EndpointDetailsModel({ name: 'e', source });
    await model.refresh();
    await model.invoke();

    source.invocation = new Error('Received client error (400)');
    await model.invoke();

    expect(model.invocation).toBeNull();
    expect(model.invocationError).toBe('Received client error (400)');
    model.dispose();
  });

  it('polls while Creating and stops at InService', async () => {
    jest.useFakeTimers();
    const source = new FakeSource();
    source.statuses = ['Creating', 'InService'];
    const model = new EndpointDetailsModel({ name: 'e', source, pollIntervalMs: 1000 });

    await model.refresh();
    expect(model.detail?.status).toBe('Creating');

    await jest.advanceTimersByTimeAsync(1000);
    expect(model.detail?.status).toBe('InService');

    await jest.advanceTimersByTimeAsync(5000);
    expect(source.getCalls).toBe(2);
    model.dispose();
  });
});
