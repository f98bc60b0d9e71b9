import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { executionKey, MonitoringModel } from './monitoringModel';
import { ExecutionStatus } from './StatusBadge';

/**
 * Renders the Monitoring job history with one row per execution, newest first. Selecting a row
 * opens its report below the table.
 */
export function JobHistory(props: { model: MonitoringModel; trans: TranslationBundle }): JSX.Element {
  const { model, trans } = props;
  const executions = model.executions;

  const onKeyDown = (event: React.KeyboardEvent, key: string): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void model.select(key);
    }
  };

  return (
    <section className="jp-ChurnStudio-monitoringSection" aria-label={trans.__('Monitoring job history')}>
      <div className="jp-ChurnStudio-monitoringSectionHeader">
        <h3>{trans.__('Monitoring job history')}</h3>
        <button
          className="jp-Button jp-mod-styled jp-mod-small"
          disabled={model.isLoading}
          onClick={() => void model.refresh()}
        >
          {trans.__('Refresh')}
        </button>
      </div>
      {model.executionsError && (
        <div role="alert" className="jp-ChurnStudio-monitoringMessage">
          {trans.__('Loading the monitoring executions failed: %1', model.executionsError)}
        </div>
      )}
      {executions.length === 0 ? (
        model.isLoaded &&
        !model.executionsError && (
          <p className="jp-ChurnStudio-monitoringMessage">
            {trans.__('No monitoring executions yet. A schedule runs at its next scheduled hour, or now with Run now.')}
          </p>
        )
      ) : (
        <table className="jp-ChurnStudio-monitoringTable jp-ChurnStudio-jobHistory">
          <thead>
            <tr>
              <th>{trans.__('Monitoring status')}</th>
              <th>{trans.__('Monitoring job name')}</th>
              <th>{trans.__('Monitoring schedule name')}</th>
              <th>{trans.__('Created')}</th>
            </tr>
          </thead>
          <tbody>
            {executions.map(execution => {
              const key = executionKey(execution);
              const selected = key === model.selectedKey;
              const created = execution.creationTime ?? execution.scheduledTime;
              return (
                <tr
                  key={key}
                  className={selected ? 'jp-mod-selected' : undefined}
                  aria-selected={selected}
                  tabIndex={0}
                  data-execution-key={key}
                  data-status={execution.status ?? undefined}
                  onClick={() => void model.select(key)}
                  onKeyDown={event => onKeyDown(event, key)}
                >
                  <td>
                    <ExecutionStatus execution={execution} trans={trans} />
                  </td>
                  <td>{execution.processingJobName ?? trans.__('(not started)')}</td>
                  <td>{execution.scheduleName}</td>
                  <td title={created ? Time.format(created) : undefined}>
                    {created ? Time.formatHuman(created) : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
