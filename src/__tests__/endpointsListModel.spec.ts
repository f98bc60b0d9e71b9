import { IDeletedEndpoint, IEndpoint } from '../endpoints/endpointsApi';
import { endpoint } from './endpointsFixtures';
import { EndpointsListModel, IEndpointsSource } from '../endpoints/endpointsListModel';

/**
 * A source that returns the next queued reply on each list call and records deletes.
 */
class QueuedSource implements IEndpointsSource {
  constructor(public replies: (IEndpoint[] | Error)[]) {}

  listCalls = 0;
  deleted: string[] = [];

  async listEndpoints(): Promise<IEndpoint[]> {
    const reply = this.replies[Math.min(this.listCalls, this.replies.length - 1)];
    this.listCalls += 1;
    if (reply instanceof Error) {
      throw reply;
    }
    return reply;
  }

  async deleteEndpoint(name: string): Promise<IDeletedEndpoint> {
    this.deleted.push(name);
    return { endpointName: name, deletedEndpointConfig: name, deletedModels: [name] };
  }
}

describe('EndpointsListModel', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('loads the endpoints', async () => {
    const source = new QueuedSource([[endpoint('a', 'InService')]]);
    const model = new EndpointsListModel({ source });

    await model.refresh();

    expect(model.endpoints.map(item => item.name)).toEqual(['a']);
    expect(model.isLoaded).toBe(true);
    expect(model.isLoading).toBe(false);
    expect(model.isPolling).toBe(false);
    model.dispose();
  });

  it('keeps the last list and shows the error when a refresh fails', async () => {
    const source = new QueuedSource([[endpoint('a', 'InService')], new Error('502 Bad Gateway')]);
    const model = new EndpointsListModel({ source });

    await model.refresh();
    await model.refresh();

    expect(model.error).toBe('502 Bad Gateway');
    expect(model.endpoints.map(item => item.name)).toEqual(['a']);
    model.dispose();
  });

  it('polls while an endpoint is Creating and stops at InService', async () => {
    jest.useFakeTimers();
    const source = new QueuedSource([
      [endpoint('a', 'Creating')],
      [endpoint('a', 'Creating')],
      [endpoint('a', 'InService')]
    ]);
    const model = new EndpointsListModel({ source, pollIntervalMs: 1000 });

    await model.refresh();
    expect(model.isPolling).toBe(true);

    await jest.advanceTimersByTimeAsync(1000);
    expect(source.listCalls).toBe(2);
    expect(model.isPolling).toBe(true);

    await jest.advanceTimersByTimeAsync(1000);
    expect(source.listCalls).toBe(3);
    expect(model.endpoints[0].status).toBe('InService');
    expect(model.isPolling).toBe(false);

    await jest.advanceTimersByTimeAsync(5000);
    expect(source.listCalls).toBe(3);
    model.dispose();
  });

  it('stops polling when disposed', async () => {
    jest.useFakeTimers();
    const source = new QueuedSource([[endpoint('a', 'Deleting')]]);
    const model = new EndpointsListModel({ source, pollIntervalMs: 1000 });
    await model.refresh();

    model.dispose();
    await jest.advanceTimersByTimeAsync(5000);

    expect(source.listCalls).toBe(1);
  });

  it('drops a reply that a newer refresh overtook', async () => {
    let release: (value: IEndpoint[]) => void = () => undefined;
    const slow = new Promise<IEndpoint[]>(resolve => (release = resolve));
    let calls = 0;
    const source: IEndpointsSource = {
      listEndpoints: () => (++calls === 1 ? slow : Promise.resolve([endpoint('new', 'InService')])),
      deleteEndpoint: async name => ({ endpointName: name, deletedEndpointConfig: null, deletedModels: [] })
    };
    const model = new EndpointsListModel({ source });

    const first = model.refresh();
    await model.refresh();
    release([endpoint('old', 'InService')]);
    await first;

    expect(model.endpoints.map(item => item.name)).toEqual(['new']);
    model.dispose();
  });

  it('marks a deleted endpoint Deleting, then reloads', async () => {
    const source = new QueuedSource([[endpoint('a', 'InService'), endpoint('b', 'InService')], [endpoint('b', 'InService')]]);
    const model = new EndpointsListModel({ source, pollIntervalMs: 0 });
    await model.refresh();
    const statuses: string[] = [];
    model.changed.connect(() => statuses.push(model.endpoints.map(item => `${item.name}:${item.status}`).join(',')));

    const reply = await model.deleteEndpoint('a');

    expect(reply.deletedModels).toEqual(['a']);
    expect(source.deleted).toEqual(['a']);
    expect(statuses[0]).toBe('a:Deleting,b:InService');
    expect(model.endpoints.map(item => item.name)).toEqual(['b']);
    model.dispose();
  });
});

describe('EndpointsListModel selection', () => {
  const three = (): IEndpoint[] => [
    endpoint('a', 'InService'),
    endpoint('b', 'InService'),
    endpoint('c', 'InService')
  ];

  it('selects a listed endpoint', async () => {
    const model = new EndpointsListModel({ source: new QueuedSource([three()]) });
    await model.refresh();

    model.select('b');

    expect(model.selectedName).toBe('b');
  });

  it('rejects a name not in the list', async () => {
    const model = new EndpointsListModel({ source: new QueuedSource([three()]) });
    await model.refresh();

    expect(() => model.select('missing')).toThrow('Endpoint "missing" is not in the list');
    expect(model.selectedName).toBeNull();
  });

  it('moves with arrow offsets and stops at the ends', async () => {
    const model = new EndpointsListModel({ source: new QueuedSource([three()]) });
    await model.refresh();

    expect(model.selectByOffset(1)).toBe('a');
    expect(model.selectByOffset(1)).toBe('b');
    expect(model.selectByOffset(1)).toBe('c');
    expect(model.selectByOffset(1)).toBe('c');
    expect(model.selectByOffset(-5)).toBe('a');
  });

  it('starts from the last row on a move up', async () => {
    const model = new EndpointsListModel({ source: new QueuedSource([three()]) });
    await model.refresh();

    expect(model.selectByOffset(-1)).toBe('c');
  });

  it('clears the selection when the endpoint goes away', async () => {
    const model = new EndpointsListModel({
      source: new QueuedSource([three(), [endpoint('a', 'InService')]])
    });
    await model.refresh();
    model.select('c');

    await model.refresh();

    expect(model.selectedName).toBeNull();
  });

  it('keeps the selection over a refresh', async () => {
    const model = new EndpointsListModel({ source: new QueuedSource([three()]) });
    await model.refresh();
    model.select('b');

    await model.refresh();

    expect(model.selectedName).toBe('b');
  });
});
