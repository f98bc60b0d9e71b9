import { TranslationBundle } from '@jupyterlab/translation';

import { ICreateScheduleRequest } from './monitoringApi';

/**
 * The fields of the Create schedule form as the user typed them.
 */
export interface IScheduleFormValues {
  scheduleName: string;
  frequency: 'hourly' | 'daily' | 'cron';
  cronExpression: string;
  baselineKind: 'job' | 'uris';
  baselineJobName: string;
  statisticsUri: string;
  constraintsUri: string;
}

/**
 * Returns the empty form, with an hourly schedule as the tour's notebook creates.
 */
export function emptyScheduleForm(): IScheduleFormValues {
  return {
    scheduleName: '',
    frequency: 'hourly',
    cronExpression: 'cron(0 * ? * * *)',
    baselineKind: 'job',
    baselineJobName: '',
    statisticsUri: '',
    constraintsUri: ''
  };
}

/**
 * SageMaker's pattern for monitoring schedule and processing job names: up to 63 letters,
 * digits and hyphens, starting and ending with a letter or digit.
 */
const NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/**
 * Builds the `POST monitoring-schedules` body from the form, or returns the first invalid
 * field's message.
 */
export function buildCreateRequest(
  endpointName: string,
  values: IScheduleFormValues,
  trans: TranslationBundle
): { request: ICreateScheduleRequest } | { error: string } {
  const scheduleName = values.scheduleName.trim();
  if (!NAME_PATTERN.test(scheduleName)) {
    return {
      error: trans.__(
        'Invalid schedule name "%1": use 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit.',
        scheduleName
      )
    };
  }

  let scheduleExpression: string = values.frequency;
  if (values.frequency === 'cron') {
    scheduleExpression = values.cronExpression.trim();
    if (!/^cron\(\S+( \S+){5}\)$/.test(scheduleExpression)) {
      return {
        error: trans.__(
          'Invalid cron expression "%1": write six fields in cron(...), e.g. cron(0 * ? * * *) for hourly.',
          scheduleExpression
        )
      };
    }
  }

  const request: ICreateScheduleRequest = { endpointName, scheduleName, scheduleExpression };
  if (values.baselineKind === 'job') {
    const baselineJobName = values.baselineJobName.trim();
    if (!NAME_PATTERN.test(baselineJobName)) {
      return {
        error: trans.__(
          'Invalid baseline job name "%1": enter the name of a finished baseline processing job.',
          baselineJobName
        )
      };
    }
    request.baselineJobName = baselineJobName;
  } else {
    const statisticsUri = values.statisticsUri.trim();
    const constraintsUri = values.constraintsUri.trim();
    if (!statisticsUri || !constraintsUri) {
      return {
        error: trans.__('Enter both the statistics.json URI and the constraints.json URI of the baseline.')
      };
    }
    request.statisticsUri = statisticsUri;
    request.constraintsUri = constraintsUri;
  }
  return { request };
}
