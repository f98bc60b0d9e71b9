import { PollingModel } from '../models/pollingModel';

/**
 * A model whose `load` waits for replies that the test resolves by hand, and that polls while
 * its value is 'changing'.
 */
class ManualModel extends PollingModel {
  constructor(public intervalMs = 1000) {
    super();
  }

  value: string | null = null;
  pending: ((value: string) => void)[] = [];
  loads = 0;

  reply(index: number, value: string): void {
    this.pending[index](value);
  }

  protected async load(isCurrent: () => boolean): Promise<void> {
    this.loads += 1;
    const value = await new Promise<string>(resolve => this.pending.push(resolve));
    if (isCurrent()) {
      this.value = value;
    }
  }

  protected nextPollMs(): number {
    return this.value === 'changing' ? this.intervalMs : 0;
  }

  reschedule(): void {
    this.schedulePoll();
  }
}

describe('PollingModel', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('drops an overtaken reply', async () => {
    const model = new ManualModel();
    const first = model.refresh();
    const second = model.refresh();

    model.reply(1, 'new');
    await second;
    model.reply(0, 'old');
    await first;

    expect(model.value).toBe('new');
    expect(model.isLoading).toBe(false);
    model.dispose();
  });

  it('stays loading until newest refresh ends', async () => {
    const model = new ManualModel();
    const first = model.refresh();
    const second = model.refresh();

    model.reply(0, 'old');
    await first;
    expect(model.isLoading).toBe(true);
    expect(model.value).toBeNull();

    model.reply(1, 'new');
    await second;
    expect(model.isLoading).toBe(false);
    model.dispose();
  });

  it('emits changed at start and end', async () => {
    const model = new ManualModel();
    const states: boolean[] = [];
    model.changed.connect(() => states.push(model.isLoading));

    const done = model.refresh();
    model.reply(0, 'stable');
    await done;

    expect(states).toEqual([true, false]);
    model.dispose();
  });

  it('polls at the interval while changing', async () => {
    jest.useFakeTimers();
    const model = new ManualModel(500);
    const done = model.refresh();
    model.reply(0, 'changing');
    await done;
    expect(model.isPolling).toBe(true);

    await jest.advanceTimersByTimeAsync(499);
    expect(model.loads).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(model.loads).toBe(2);
    expect(model.isPolling).toBe(false);
    expect(model.isLoading).toBe(true);
    model.dispose();
  });

  it('skips scheduling during a refresh', async () => {
    const model = new ManualModel();
    model.value = 'changing';
    const done = model.refresh();

    model.reschedule();
    expect(model.isPolling).toBe(false);

    model.reply(0, 'changing');
    await done;
    expect(model.isPolling).toBe(true);
    model.dispose();
  });

  it('ignores refresh after dispose', async () => {
    const model = new ManualModel();
    model.dispose();

    await model.refresh();

    expect(model.loads).toBe(0);
    expect(model.isDisposed).toBe(true);
  });

  it('drops a reply after dispose', async () => {
    const model = new ManualModel();
    const done = model.refresh();

    model.dispose();
    model.reply(0, 'changing');
    await done;

    expect(model.value).toBeNull();
    expect(model.isPolling).toBe(false);
  });
});
