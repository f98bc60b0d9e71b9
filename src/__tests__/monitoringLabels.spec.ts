import { nullTranslator } from '@jupyterlab/translation';

import {
  checkTypeLabel,
  describeSchedule,
  executionStatusLabel,
  isExecutionActive,
  scheduleStatusLabel
} from '../monitoring/monitoringLabels';

const trans = nullTranslator.load('churn_studio_ext');

describe('executionStatusLabel', () => {
  it.each([
    ['CompletedWithViolations', 'Issue found', 'issue'],
    ['Completed', 'No issues', 'ok'],
    ['Failed', 'Failed', 'failed'],
    ['InProgress', 'In progress', 'running'],
    ['Pending', 'Pending', 'running'],
    ['Stopping', 'Stopping', 'running'],
    ['Stopped', 'Stopped', 'stopped']
  ])('labels %s as "%s"', (status, text, tone) => {
    const label = executionStatusLabel(status, trans);

    expect(label.text).toBe(text);
    expect(label.tone).toBe(tone);
  });

  it('passes an unknown status through', () => {
    expect(executionStatusLabel('Exploded', trans)).toEqual({ text: 'Exploded', tone: 'unknown' });
    expect(executionStatusLabel(null, trans)).toEqual({ text: 'Unknown', tone: 'unknown' });
  });
});

describe('scheduleStatusLabel', () => {
  it('labels the four schedule statuses', () => {
    expect(scheduleStatusLabel('Scheduled', trans)).toEqual({ text: 'Scheduled', tone: 'ok' });
    expect(scheduleStatusLabel('Pending', trans)).toEqual({ text: 'Pending', tone: 'running' });
    expect(scheduleStatusLabel('Failed', trans)).toEqual({ text: 'Failed', tone: 'failed' });
    expect(scheduleStatusLabel('Stopped', trans)).toEqual({ text: 'Stopped', tone: 'stopped' });
  });

  it('passes other statuses through', () => {
    expect(scheduleStatusLabel('InProgress', trans)).toEqual({ text: 'InProgress', tone: 'unknown' });
    expect(scheduleStatusLabel('Completed', trans)).toEqual({ text: 'Completed', tone: 'unknown' });
    expect(scheduleStatusLabel('toString', trans)).toEqual({ text: 'toString', tone: 'unknown' });
    expect(scheduleStatusLabel(null, trans)).toEqual({ text: 'Unknown', tone: 'unknown' });
  });
});

describe('isExecutionActive', () => {
  it('is true only before an execution ends', () => {
    expect(['Pending', 'InProgress', 'Stopping'].map(isExecutionActive)).toEqual([true, true, true]);
    expect(['Completed', 'CompletedWithViolations', 'Failed', 'Stopped'].map(isExecutionActive)).toEqual([
      false,
      false,
      false,
      false
    ]);
    expect(isExecutionActive(null)).toBe(false);
  });
});

describe('checkTypeLabel', () => {
  it('names the six constraint checks', () => {
    const types = [
      'data_type_check',
      'completeness_check',
      'baseline_drift_check',
      'missing_column_check',
      'extra_column_check',
      'categorical_values_check'
    ];
    expect(types.map(type => checkTypeLabel(type, trans))).toEqual([
      'Data type',
      'Completeness',
      'Baseline drift',
      'Missing column',
      'Extra column',
      'Categorical values'
    ]);
    expect(checkTypeLabel('custom_check', trans)).toBe('custom_check');
  });
});

describe('describeSchedule', () => {
  it.each([
    ['cron(0 * ? * * *)', 'Hourly'],
    ['cron(0 * * * ? *)', 'Hourly'],
    ['cron(15 * ? * * *)', 'Hourly at minute 15'],
    ['cron(0 0 ? * * *)', 'Daily at 00:00 UTC'],
    ['cron(30 5 ? * * *)', 'Daily at 05:30 UTC'],
    ['cron(0 */6 ? * * *)', 'Every 6 hours'],
    ['cron(0 0/12 ? * * *)', 'Every 12 hours'],
    ['cron(0 2/4 ? * * *)', 'Every 4 hours from 02:00 UTC'],
    ['cron(0 0/1 ? * * *)', 'Hourly'],
    ['hourly', 'Hourly'],
    ['daily', 'Daily at 00:00 UTC'],
    ['NOW', 'Once, now']
  ])('renders %s as "%s"', (expression, text) => {
    expect(describeSchedule(expression, trans)).toBe(text);
  });

  it.each([
    'cron(0 12 ? * MON-FRI *)',
    'cron(0 8,20 ? * * *)',
    'cron(0 0 1 * ? *)',
    'cron(0 * ? * * 2027)',
    'rate(1 hour)',
    'cron(0 *)'
  ])('keeps %s unchanged', expression => {
    expect(describeSchedule(expression, trans)).toBe(expression);
  });

  it('says when there is no expression', () => {
    expect(describeSchedule(null, trans)).toBe('No schedule');
    expect(describeSchedule('  ', trans)).toBe('No schedule');
  });
});
