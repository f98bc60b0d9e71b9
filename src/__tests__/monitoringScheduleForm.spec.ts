import { nullTranslator } from '@jupyterlab/translation';

import { buildCreateRequest, emptyScheduleForm, IScheduleFormValues } from '../monitoring/scheduleForm';

const trans = nullTranslator.load('churn_studio_ext');

function form(changes: Partial<IScheduleFormValues>): IScheduleFormValues {
  return { ...emptyScheduleForm(), scheduleName: 'churn-schedule', baselineJobName: 'baseline-job', ...changes };
}

describe('buildCreateRequest', () => {
  it('builds an hourly schedule from a baseline job', () => {
    const result = buildCreateRequest('churn-endpoint', form({ scheduleName: ' churn-schedule ' }), trans);

    expect(result).toEqual({
      request: {
        endpointName: 'churn-endpoint',
        scheduleName: 'churn-schedule',
        scheduleExpression: 'hourly',
        baselineJobName: 'baseline-job'
      }
    });
  });

  it('sends a cron expression and both URIs', () => {
    const result = buildCreateRequest(
      'churn-endpoint',
      form({
        frequency: 'cron',
        cronExpression: 'cron(0 */6 ? * * *)',
        baselineKind: 'uris',
        statisticsUri: 's3://bucket/statistics.json',
        constraintsUri: 's3://bucket/constraints.json'
      }),
      trans
    );

    expect(result).toEqual({
      request: {
        endpointName: 'churn-endpoint',
        scheduleName: 'churn-schedule',
        scheduleExpression: 'cron(0 */6 ? * * *)',
        statisticsUri: 's3://bucket/statistics.json',
        constraintsUri: 's3://bucket/constraints.json'
      }
    });
  });

  it.each([
    [{ scheduleName: '' }, 'Invalid schedule name ""'],
    [{ scheduleName: 'bad_name' }, 'Invalid schedule name "bad_name"'],
    [{ scheduleName: '-leading' }, 'Invalid schedule name "-leading"'],
    [{ scheduleName: 'a'.repeat(64) }, 'Invalid schedule name'],
    [{ frequency: 'cron' as const, cronExpression: '0 * * * *' }, 'Invalid cron expression "0 * * * *"'],
    [{ frequency: 'cron' as const, cronExpression: 'cron(0 * ? * *)' }, 'Invalid cron expression'],
    [{ baselineJobName: '' }, 'Invalid baseline job name ""'],
    [{ baselineKind: 'uris' as const, statisticsUri: 's3://b/statistics.json' }, 'Enter both the statistics.json URI']
  ])('rejects %p', (changes, message) => {
    const result = buildCreateRequest('churn-endpoint', form(changes), trans);

    expect('error' in result).toBe(true);
    expect((result as { error: string }).error).toContain(message);
  });
});
