/**
 * @jest-environment jsdom
 */
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { act } from 'react';
import { createRoot, Root } from 'react-dom/client';

import { CreateScheduleForm } from '../monitoring/CreateScheduleForm';
import { ICreateScheduleRequest } from '../monitoring/monitoringApi';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const trans = nullTranslator.load('churn_studio_ext');

let host: HTMLDivElement;
let root: Root;

function field(name: string): HTMLInputElement | HTMLSelectElement {
  const element = host.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  expect(element).not.toBeNull();
  return element!;
}

/**
 * Sets a field's value the way typing does, so React's change handler runs.
 */
function type(name: string, value: string): void {
  const element = field(name);
  const prototype = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

function radios(): HTMLInputElement[] {
  return Array.from(host.querySelectorAll<HTMLInputElement>('input[name="baselineKind"]'));
}

async function submit(): Promise<void> {
  await act(async () => {
    host.querySelector('form')!.requestSubmit();
  });
}

function renderForm(onSubmit: (request: ICreateScheduleRequest) => Promise<boolean>, onCancel = jest.fn()): void {
  act(() =>
    root.render(
      <CreateScheduleForm endpointName="churn-endpoint" trans={trans} isBusy={false} onSubmit={onSubmit} onCancel={onCancel} />
    )
  );
}

describe('CreateScheduleForm', () => {
  beforeEach(() => {
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  it('labels fields and suggests a name', () => {
    renderForm(jest.fn());

    const name = field('scheduleName') as HTMLInputElement;
    expect(name.placeholder).toBe('churn-endpoint-schedule');
    expect(name.closest('label')?.textContent).toBe('Schedule name');
    expect(field('baselineJobName').closest('label')?.textContent).toBe('Baseline job name');
    expect(host.querySelector('[name="cronExpression"]')).toBeNull();
    expect(host.querySelector('[name="statisticsUri"]')).toBeNull();
    expect(radios().map(radio => radio.checked)).toEqual([true, false]);
  });

  it('submits a daily job-baseline schedule', async () => {
    const onSubmit = jest.fn(async () => true);
    const onCancel = jest.fn();
    renderForm(onSubmit, onCancel);

    type('scheduleName', 'nightly');
    type('frequency', 'daily');
    type('baselineJobName', 'baseline-job');
    await submit();

    expect(onSubmit).toHaveBeenCalledWith({
      endpointName: 'churn-endpoint',
      scheduleName: 'nightly',
      scheduleExpression: 'daily',
      baselineJobName: 'baseline-job'
    });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('submits a cron schedule with files', async () => {
    const onSubmit = jest.fn(async () => false);
    const onCancel = jest.fn();
    renderForm(onSubmit, onCancel);

    type('scheduleName', 'every-six');
    type('frequency', 'cron');
    type('cronExpression', 'cron(0 */6 ? * * *)');
    act(() => radios()[1].click());
    expect(radios().map(radio => radio.checked)).toEqual([false, true]);
    expect((field('statisticsUri') as HTMLInputElement).placeholder).toBe(
      's3://bucket/baselining/results/statistics.json'
    );
    type('statisticsUri', 's3://b/statistics.json');
    type('constraintsUri', 's3://b/constraints.json');
    await submit();

    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        scheduleExpression: 'cron(0 */6 ? * * *)',
        statisticsUri: 's3://b/statistics.json',
        constraintsUri: 's3://b/constraints.json'
      })
    );
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('shows and clears a validation error', async () => {
    const onSubmit = jest.fn(async () => true);
    renderForm(onSubmit);

    type('scheduleName', '-bad');
    await submit();

    expect(onSubmit).not.toHaveBeenCalled();
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('Invalid schedule name "-bad"');
    type('scheduleName', 'good');
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });
});
