import { TranslationBundle } from '@jupyterlab/translation';

/**
 * The colour role of a status: `issue` and `failed` are drawn in the theme's error colour.
 */
export type StatusTone = 'issue' | 'ok' | 'failed' | 'running' | 'stopped' | 'unknown';

/**
 * A status as the job history shows it.
 */
export interface IStatusLabel {
  text: string;
  tone: StatusTone;
}

/**
 * The execution statuses after which an execution never changes again.
 */
const FINAL_EXECUTION_STATUSES = new Set(['Completed', 'CompletedWithViolations', 'Failed', 'Stopped']);

/**
 * Returns whether an execution can still change, so the view keeps polling it.
 */
export function isExecutionActive(status: string | null): boolean {
  return status !== null && !FINAL_EXECUTION_STATUSES.has(status);
}

/**
 * Returns the job history's text for a `MonitoringExecutionStatus`.
 *
 * Studio 2020 shows `CompletedWithViolations` as "Issue found" in red. Its texts for the other
 * statuses are not documented, so these follow the same plain style.
 */
export function executionStatusLabel(status: string | null, trans: TranslationBundle): IStatusLabel {
  return statusLabel(status, trans, [
    ['CompletedWithViolations', trans.__('Issue found'), 'issue'],
    ['Completed', trans.__('No issues'), 'ok'],
    ['InProgress', trans.__('In progress'), 'running'],
    ['Stopping', trans.__('Stopping'), 'running']
  ]);
}

/**
 * Returns the text for a schedule's `ScheduleStatus`: `Pending`, `Scheduled`, `Failed` or `Stopped`.
 */
export function scheduleStatusLabel(status: string | null, trans: TranslationBundle): IStatusLabel {
  return statusLabel(status, trans, [['Scheduled', trans.__('Scheduled'), 'ok']]);
}

/**
 * Looks a status up in `labels`, then in the statuses that executions and schedules share. Any
 * other status is shown as it is, with the unknown tone.
 */
function statusLabel(
  status: string | null,
  trans: TranslationBundle,
  labels: [string, string, StatusTone][]
): IStatusLabel {
  if (status === null) {
    return { text: trans.__('Unknown'), tone: 'unknown' };
  }
  const shared: [string, string, StatusTone][] = [
    ['Pending', trans.__('Pending'), 'running'],
    ['Failed', trans.__('Failed'), 'failed'],
    ['Stopped', trans.__('Stopped'), 'stopped']
  ];
  const match = [...labels, ...shared].find(([name]) => name === status);
  return match ? { text: match[1], tone: match[2] } : { text: status, tone: 'unknown' };
}

/**
 * Returns a readable text for a `constraint_check_type`, e.g. "Data type" for `data_type_check`.
 */
export function checkTypeLabel(checkType: string, trans: TranslationBundle): string {
  switch (checkType) {
    case 'data_type_check':
      return trans.__('Data type');
    case 'completeness_check':
      return trans.__('Completeness');
    case 'baseline_drift_check':
      return trans.__('Baseline drift');
    case 'missing_column_check':
      return trans.__('Missing column');
    case 'extra_column_check':
      return trans.__('Extra column');
    case 'categorical_values_check':
      return trans.__('Categorical values');
    default:
      return checkType;
  }
}

/**
 * The six fields of a SageMaker `cron(...)` expression: minutes, hours, day of month, month, day
 * of week and year. SageMaker evaluates them in UTC.
 */
const CRON_PATTERN = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/;

/**
 * Renders a schedule expression readably: "Hourly", "Daily at 05:00 UTC", "Every 4 hours".
 *
 * Handles the shapes that the SageMaker SDK's `CronExpressionGenerator` writes, the `hourly` and
 * `daily` shorthands of the create route and the one-time `NOW`. Any other expression is
 * returned unchanged, since a wrong summary would be worse than the raw text.
 */
export function describeSchedule(expression: string | null, trans: TranslationBundle): string {
  if (expression === null || expression.trim() === '') {
    return trans.__('No schedule');
  }
  const text = expression.trim();
  if (text.toLowerCase() === 'hourly') {
    return trans.__('Hourly');
  }
  if (text.toLowerCase() === 'daily') {
    return trans.__('Daily at 00:00 UTC');
  }
  if (text === 'NOW') {
    return trans.__('Once, now');
  }

  const match = CRON_PATTERN.exec(text);
  if (!match) {
    return text;
  }
  const [, minute, hour, dayOfMonth, month, dayOfWeek, year] = match;
  const everyDay =
    (dayOfMonth === '?' || dayOfMonth === '*') &&
    month === '*' &&
    (dayOfWeek === '*' || dayOfWeek === '?') &&
    year === '*';
  if (!everyDay || !/^\d{1,2}$/.test(minute)) {
    return text;
  }
  const minuteNumber = Number(minute);

  if (hour === '*') {
    return minuteNumber === 0 ? trans.__('Hourly') : trans.__('Hourly at minute %1', minuteNumber);
  }
  if (/^\d{1,2}$/.test(hour)) {
    return trans.__('Daily at %1 UTC', clockTime(Number(hour), minuteNumber));
  }

  const interval = /^(\*|\d{1,2})\/(\d{1,2})$/.exec(hour);
  if (interval) {
    const start = interval[1] === '*' ? 0 : Number(interval[1]);
    const every = Number(interval[2]);
    if (every === 1) {
      return start === 0 && minuteNumber === 0 ? trans.__('Hourly') : text;
    }
    if (start === 0 && minuteNumber === 0) {
      return trans.__('Every %1 hours', every);
    }
    return trans.__('Every %1 hours from %2 UTC', every, clockTime(start, minuteNumber));
  }
  return text;
}

function clockTime(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
