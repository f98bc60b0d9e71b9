/**
 * @jest-environment jsdom
 */
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { act } from 'react';

import { CreateScheduleForm } from '../monitoring/CreateScheduleForm';
import { ICreateScheduleRequest } from '../monitoring/monitoringApi';
import { mountRootPerTest, setInputValue } from './mountedRoot';

const trans = nullTranslator.load('churn_studio_ext');

const mounted = mountRootPerTest();

function field(name: string): HTMLInputElement | HTMLSelectElement {
  const element = mounted.container.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  expect(element).not.toBeNull();
  return element!;
}

function type(name: string, value: string): void {
  setInputValue(field(name), value);
}

function radios(): HTMLInputElement[] {
  return Array.from(mounted.container.querySelectorAll<HTMLInputElement>('input[name="baselineKind"]'));
}

async function submit(): Promise<void> {
  await act(async () => {
    mounted.container.querySelector('form')!.requestSubmit();
  });
}

function renderForm(onSubmit: (request: ICreateScheduleRequest) => Promise<boolean>, onCancel = jest.fn()): void {
  act(() =>
    mounted.root.render(
      <CreateScheduleForm endpointName="churn-endpoint" trans={trans} isBusy={false} onSubmit={onSubmit} onCancel={onCancel} />
    )
  );
}

describe('CreateScheduleForm', () => {
  it('labels fields and suggests a name', () => {
    renderForm(jest.fn());

    const name = field('scheduleName') as HTMLInputElement;
    expect(name.placeholder).toBe('churn-endpoint-schedule');
    expect(name.closest('label')?.textContent).toBe('Schedule name');
    expect(field('baselineJobName').closest('label')?.textContent).toBe('Baseline job name');
    expect(mounted.container.querySelector('[name="cronExpression"]')).toBeNull();
    expect(mounted.container.querySelector('[name="statisticsUri"]')).toBeNull();
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
    expect(mounted.container.querySelector('[role="alert"]')?.textContent).toContain('Invalid schedule name "-bad"');
    type('scheduleName', 'good');
    expect(mounted.container.querySelector('[role="alert"]')).toBeNull();
  });
});
