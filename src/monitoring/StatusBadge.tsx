import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IMonitoringExecution } from './monitoringApi';
import { executionStatusLabel, IStatusLabel, scheduleStatusLabel } from './monitoringLabels';

function Badge(props: { label: IStatusLabel; status: string | null; title?: string }): JSX.Element {
  return (
    <span
      className="jp-ChurnStudio-monitoringStatus"
      data-tone={props.label.tone}
      data-status={props.status ?? undefined}
      title={props.title}
    >
      {props.label.text}
    </span>
  );
}

/**
 * Renders an execution's status as the job history shows it. A failed execution carries its
 * failure reason as the hover text.
 */
export function ExecutionStatus(props: {
  execution: Pick<IMonitoringExecution, 'status' | 'failureReason'>;
  trans: TranslationBundle;
}): JSX.Element {
  const { execution, trans } = props;
  const title = execution.failureReason ? trans.__('Failure reason: %1', execution.failureReason) : undefined;
  return <Badge label={executionStatusLabel(execution.status, trans)} status={execution.status} title={title} />;
}

/**
 * Renders a schedule's `ScheduleStatus`.
 */
export function ScheduleStatus(props: { status: string | null; trans: TranslationBundle }): JSX.Element {
  return <Badge label={scheduleStatusLabel(props.status, props.trans)} status={props.status} />;
}
