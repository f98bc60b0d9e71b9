import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { EndpointCommandIDs } from '../endpoints/commandIds';
import { MonitoringApi } from '../monitoring/monitoringApi';
import { IIssueFound, issueMessage, MonitoringWatcher } from '../monitoring/monitoringWatcher';

/**
 * The plugin whose settings hold `monitoringRefreshInterval`, shared with the Experiments sidebar.
 */
const SETTINGS_PLUGIN_ID = 'churn-studio-ext:plugin';

/**
 * Seconds between checks for new monitoring issues until the settings load, and without them.
 */
const DEFAULT_WATCH_SECONDS = 60;

/**
 * Raises a JupyterLab notification when a monitoring execution of any endpoint finds issues.
 */
export const monitoringPlugin: JupyterFrontEndPlugin<void> = {
  id: 'churn-studio-ext:monitoring',
  description: 'Notifications for Model Monitor executions that find data-quality issues.',
  autoStart: true,
  optional: [ITranslator, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('churn_studio_ext');
    const api = new MonitoringApi({ serverSettings: app.serviceManager.serverSettings });

    // A server without the endpoints route fails every poll the same way, so each distinct
    // message is logged once.
    const loggedErrors = new Set<string>();
    const notifyIssue = (issue: IIssueFound): void => {
      const { endpointName } = issue;
      const message = issueMessage(issue, trans);
      const actions = app.commands.hasCommand(EndpointCommandIDs.openEndpointDetails)
        ? [
            {
              label: trans.__('Open endpoint'),
              caption: trans.__('Open the details of endpoint %1', endpointName),
              callback: () =>
                void app.commands.execute(EndpointCommandIDs.openEndpointDetails, { name: endpointName })
            }
          ]
        : [];
      Notification.warning(message, { autoClose: false, actions });
    };

    const watcher = new MonitoringWatcher({
      source: api,
      interval: DEFAULT_WATCH_SECONDS,
      onIssueFound: notifyIssue,
      onError: (error, endpointName) => {
        const text = `${endpointName ?? 'endpoints'}: ${error.message}`;
        if (!loggedErrors.has(text)) {
          loggedErrors.add(text);
          console.warn(`Checking monitoring executions failed for ${text}`);
        }
      }
    });

    const startWatching = (): void => {
      void app.restored.then(() => watcher.start());
    };
    if (!settingRegistry) {
      startWatching();
      return;
    }
    settingRegistry
      .load(SETTINGS_PLUGIN_ID)
      .then(settings => {
        const apply = (): void => {
          const seconds = settings.get('monitoringRefreshInterval').composite;
          watcher.interval = typeof seconds === 'number' ? seconds : DEFAULT_WATCH_SECONDS;
        };
        apply();
        settings.changed.connect(apply);
        startWatching();
      })
      .catch(reason => {
        console.error(`Loading the settings of ${SETTINGS_PLUGIN_ID} failed.`, reason);
        startWatching();
      });
  }
};
