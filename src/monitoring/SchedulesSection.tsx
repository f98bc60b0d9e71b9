import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { CreateScheduleForm } from './CreateScheduleForm';
import { IMonitoringSchedule } from './monitoringApi';
import { describeSchedule } from './monitoringLabels';
import { MonitoringModel } from './monitoringModel';
import { ExecutionStatus, ScheduleStatus } from './StatusBadge';

/**
 * The properties of `SchedulesSection`.
 */
export interface ISchedulesSectionProps {
  model: MonitoringModel;
  trans: TranslationBundle;
  /**
   * Asks the user to confirm deleting a schedule; resolves to true when they confirm.
   */
  confirmDelete: (scheduleName: string) => Promise<boolean>;
}

/**
 * Renders the Monitoring schedules of an endpoint with their actions and the Create schedule form.
 */
export function SchedulesSection(props: ISchedulesSectionProps): JSX.Element {
  const { model, trans } = props;
  const [isCreating, setIsCreating] = React.useState(false);
  const busy = model.pendingAction !== null;

  const remove = async (name: string): Promise<void> => {
    if (await props.confirmDelete(name)) {
      await model.deleteSchedule(name);
    }
  };

  return (
    <section className="jp-ChurnStudio-monitoringSection" aria-label={trans.__('Monitoring schedules')}>
      <div className="jp-ChurnStudio-monitoringSectionHeader">
        <h3>{trans.__('Monitoring schedules')}</h3>
        <button
          className="jp-Button jp-mod-styled jp-mod-small"
          disabled={isCreating}
          onClick={() => setIsCreating(true)}
        >
          {trans.__('Create schedule')}
        </button>
      </div>

      {isCreating && (
        <CreateScheduleForm
          endpointName={model.endpointName}
          trans={trans}
          isBusy={busy}
          onSubmit={request => model.createSchedule(request)}
          onCancel={() => setIsCreating(false)}
        />
      )}
      {model.actionError && (
        <div role="alert" className="jp-ChurnStudio-monitoringMessage">
          {trans.__('The schedule action failed: %1', model.actionError)}{' '}
          <button className="jp-ChurnStudio-linkButton" onClick={() => model.dismissActionError()}>
            {trans.__('Dismiss')}
          </button>
        </div>
      )}
      {model.schedulesError && (
        <div role="alert" className="jp-ChurnStudio-monitoringMessage">
          {trans.__('Loading the monitoring schedules failed: %1', model.schedulesError)}
        </div>
      )}

      {model.schedules.length === 0 ? (
        model.isLoaded &&
        !model.schedulesError && (
          <p className="jp-ChurnStudio-monitoringMessage">
            {trans.__('This endpoint has no monitoring schedule. Create one to compare its captured traffic with a baseline.')}
          </p>
        )
      ) : (
        <table className="jp-ChurnStudio-monitoringTable jp-ChurnStudio-schedules">
          <thead>
            <tr>
              <th>{trans.__('Name')}</th>
              <th>{trans.__('Status')}</th>
              <th>{trans.__('Schedule')}</th>
              <th>{trans.__('Baseline')}</th>
              <th>{trans.__('Last execution')}</th>
              <th>{trans.__('Actions')}</th>
            </tr>
          </thead>
          <tbody>
            {model.schedules.map(schedule => (
              <ScheduleRow
                key={schedule.name}
                schedule={schedule}
                model={model}
                trans={trans}
                busy={busy}
                onDelete={name => void remove(name)}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ScheduleRow(props: {
  schedule: IMonitoringSchedule;
  model: MonitoringModel;
  trans: TranslationBundle;
  busy: boolean;
  onDelete: (name: string) => void;
}): JSX.Element {
  const { schedule, model, trans, busy } = props;
  const last = schedule.lastExecution;
  const isStopped = schedule.status === 'Stopped';
  const pending = model.pendingAction?.scheduleName === schedule.name ? model.pendingAction.kind : null;

  return (
    <tr data-schedule-name={schedule.name}>
      <td>{schedule.name}</td>
      <td>
        <ScheduleStatus status={schedule.status} trans={trans} />
      </td>
      <td title={schedule.scheduleExpression ?? undefined}>
        {describeSchedule(schedule.scheduleExpression, trans)}
      </td>
      <td>
        <BaselineCell schedule={schedule} trans={trans} />
      </td>
      <td>
        {last ? (
          <>
            <ExecutionStatus execution={last} trans={trans} />{' '}
            {last.scheduledTime && (
              <span className="jp-ChurnStudio-muted" title={Time.format(last.scheduledTime)}>
                {Time.formatHuman(last.scheduledTime)}
              </span>
            )}
          </>
        ) : (
          <span className="jp-ChurnStudio-muted">{trans.__('None yet')}</span>
        )}
      </td>
      <td className="jp-ChurnStudio-scheduleActions">
        <div className="jp-ChurnStudio-scheduleActionButtons">
          <button
            className="jp-Button jp-mod-styled jp-mod-small"
            disabled={busy}
            title={trans.__('Run one execution now over the last hour of captured traffic')}
            onClick={() => void model.runSchedule(schedule.name)}
          >
            {pending === 'run' ? trans.__('Starting…') : trans.__('Run now')}
          </button>
          {isStopped ? (
            <button
              className="jp-Button jp-mod-styled jp-mod-small"
              disabled={busy}
              onClick={() => void model.startSchedule(schedule.name)}
            >
              {trans.__('Start')}
            </button>
          ) : (
            <button
              className="jp-Button jp-mod-styled jp-mod-small"
              disabled={busy}
              onClick={() => void model.stopSchedule(schedule.name)}
            >
              {trans.__('Stop')}
            </button>
          )}
          <button
            className="jp-Button jp-mod-styled jp-mod-small jp-mod-warn"
            disabled={busy}
            onClick={() => props.onDelete(schedule.name)}
          >
            {trans.__('Delete')}
          </button>
        </div>
      </td>
    </tr>
  );
}

function BaselineCell(props: { schedule: IMonitoringSchedule; trans: TranslationBundle }): JSX.Element {
  const { baseline } = props.schedule;
  if (baseline?.baseliningJobName) {
    return <span title={baseline.statisticsUri ?? undefined}>{baseline.baseliningJobName}</span>;
  }
  if (baseline?.statisticsUri) {
    return <code title={baseline.constraintsUri ?? undefined}>{baseline.statisticsUri}</code>;
  }
  return <span className="jp-ChurnStudio-muted">{props.trans.__('None')}</span>;
}
