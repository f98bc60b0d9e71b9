import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { ExecutionReport } from './ExecutionReport';
import { JobHistory } from './JobHistory';
import { IMonitoringSource, MonitoringApi } from './monitoringApi';
import { MonitoringModel } from './monitoringModel';
import { SchedulesSection } from './SchedulesSection';
import { useTheme } from './useTheme';

/**
 * The props of `EndpointMonitoringView`.
 */
export interface IEndpointMonitoringViewProps {
  endpointName: string;
  trans: TranslationBundle;
  /**
   * Opens a trial component in Trial Details, e.g. the training job of the endpoint's model.
   */
  onOpenTrialComponent?: (name: string) => void;
  /**
   * The server calls; the default is a `MonitoringApi` on the current page's server.
   */
  source?: IMonitoringSource;
  /**
   * Seconds between refetches while an execution is active; see `MonitoringModel`.
   */
  refreshInterval?: number;
  /**
   * Asks before a schedule is deleted; the default is a JupyterLab dialog.
   */
  confirmDelete?: (scheduleName: string) => Promise<boolean>;
}

/**
 * Renders the Monitoring tab of an endpoint: its monitoring schedules, its monitoring job
 * history and the report of the selected execution.
 */
export function EndpointMonitoringView(props: IEndpointMonitoringViewProps): JSX.Element {
  const { endpointName, trans, source, refreshInterval } = props;
  const model = React.useMemo(
    () => new MonitoringModel({ source: source ?? new MonitoringApi(), endpointName, refreshInterval }),
    [endpointName, source, refreshInterval]
  );
  const [, setVersion] = React.useState(0);
  const theme = useTheme();

  React.useEffect(() => {
    const onChanged = (): void => setVersion(version => version + 1);
    model.changed.connect(onChanged);
    void model.refresh();
    return () => {
      model.changed.disconnect(onChanged);
      model.dispose();
    };
  }, [model]);

  const confirmDelete = props.confirmDelete ?? ((name: string) => Private.confirmDelete(name, trans));

  const selected = model.selectedExecution;
  return (
    <div className="jp-ChurnStudio-monitoring" data-endpoint-name={endpointName}>
      <p className="jp-ChurnStudio-monitoringIntro">
        {trans.__(
          'Model Monitor compares the traffic captured at this endpoint with a baseline and reports data-quality issues.'
        )}
      </p>
      {!model.isLoaded && (
        <p className="jp-ChurnStudio-monitoringMessage">
          {trans.__('Loading the monitoring schedules of %1…', endpointName)}
        </p>
      )}
      <SchedulesSection model={model} trans={trans} confirmDelete={confirmDelete} />
      <JobHistory model={model} trans={trans} />
      {selected && (
        <ExecutionReport
          key={model.selectedKey ?? ''}
          execution={selected}
          detail={model.detail}
          isLoading={model.isDetailLoading}
          error={model.detailError}
          trans={trans}
          theme={theme}
          onOpenTrialComponent={props.onOpenTrialComponent}
        />
      )}
    </div>
  );
}

namespace Private {
  export async function confirmDelete(scheduleName: string, trans: TranslationBundle): Promise<boolean> {
    const result = await showDialog({
      title: trans.__('Delete monitoring schedule'),
      body: trans.__(
        'Delete the monitoring schedule "%1"? No further executions run, and the reports already written stay.',
        scheduleName
      ),
      buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.warnButton({ label: trans.__('Delete') })]
    });
    return result.button.accept;
  }
}
