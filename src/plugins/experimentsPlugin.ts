import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { ChurnStudioApi } from '../api';
import { CommandIDs } from '../commands';
import { experimentsIcon } from '../icons';
import { ExperimentsModel } from '../models/experimentsModel';
import { ServerStatusModel } from '../models/serverStatusModel';
import { ExperimentTreeModel } from '../tree/experimentTreeModel';
import { FRONTEND_VERSION } from '../version';
import { ExperimentsPanel } from '../widgets/ExperimentsPanel';

/**
 * The plugin id. Its part after the colon names the settings schema `schema/plugin.json`.
 */
const PLUGIN_ID = 'churn-studio-ext:plugin';

/**
 * The rank of the panel among the left sidebar's tabs. The file browser has rank 100.
 */
const SIDEBAR_RANK = 600;

/**
 * Adds the Experiments sidebar and its commands.
 */
export const experimentsPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'The Experiments sidebar of SageMaker Studio, for any JupyterLab.',
  autoStart: true,
  requires: [ILabShell],
  optional: [ITranslator, ISettingRegistry, ICommandPalette, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    labShell: ILabShell,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null
  ): void => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('churn_studio_ext');

    const api = new ChurnStudioApi({ serverSettings: app.serviceManager.serverSettings });
    const model = new ExperimentsModel({ source: api });
    const serverStatus = new ServerStatusModel({ source: api, frontendVersion: FRONTEND_VERSION });
    const tree = new ExperimentTreeModel({
      experiments: model,
      source: api,
      unassignedLabel: trans.__('Unassigned trial components')
    });

    const { commands } = app;
    const openDetails = (name: string): Promise<unknown> =>
      commands.execute(CommandIDs.openTrialComponentDetails, { name });

    const panel = new ExperimentsPanel({
      tree,
      serverStatus,
      translator,
      onOpenTrialComponent: node => {
        if (commands.hasCommand(CommandIDs.openTrialComponentDetails)) {
          void openDetails(node.name);
        }
      }
    });
    panel.id = 'churn-studio-experiments';
    panel.title.icon = experimentsIcon;
    panel.title.caption = trans.__('Experiments');
    labShell.add(panel, 'left', { rank: SIDEBAR_RANK });
    restorer?.add(panel, panel.id);

    app.commands.addCommand(CommandIDs.openExperiments, {
      label: trans.__('Open Experiments'),
      caption: trans.__('Show the Experiments sidebar'),
      icon: experimentsIcon,
      execute: () => {
        labShell.activateById(panel.id);
      }
    });
    app.commands.addCommand(CommandIDs.refreshExperiments, {
      label: trans.__('Refresh Experiments'),
      caption: trans.__('Check the server extension and list the experiments again'),
      execute: () => panel.refresh()
    });

    commands.addCommand(CommandIDs.openInTrialComponentList, {
      label: trans.__('Open in trial component list'),
      caption: trans.__('List the trial components of the selected experiments or trials'),
      isEnabled: () =>
        tree.selectionScope() !== null && commands.hasCommand(CommandIDs.openTrialComponents),
      execute: () => {
        const scope = tree.selectionScope();
        if (scope) {
          return commands.execute(CommandIDs.openTrialComponents, { scope: { ...scope } });
        }
      }
    });
    commands.addCommand(CommandIDs.openInTrialDetails, {
      label: trans.__('Open in trial details'),
      caption: trans.__('Show the details of this trial component'),
      isEnabled: () => commands.hasCommand(CommandIDs.openTrialComponentDetails),
      execute: args => {
        const name = (args.name as string | undefined) ?? Private.hitTrialComponentName(app);
        if (name) {
          return openDetails(name);
        }
      }
    });

    const category = trans.__('Churn Studio');
    palette?.addItem({ command: CommandIDs.openExperiments, category });
    palette?.addItem({ command: CommandIDs.refreshExperiments, category });

    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(settings => {
          const applySettings = (): void => {
            model.refreshInterval = settings.get('refreshInterval').composite as number;
          };
          applySettings();
          settings.changed.connect(applySettings);
        })
        .catch(reason => {
          console.error(`Loading the settings of ${PLUGIN_ID} failed.`, reason);
        });
    }

    void app.restored.then(() => panel.refresh());
  }
};

namespace Private {
  /**
   * Returns the trial component name of the element that the context menu opened on, or null.
   */
  export function hitTrialComponentName(app: JupyterFrontEnd): string | null {
    const node = app.contextMenuHitTest(element => !!element.dataset.trialComponentName);
    return node?.dataset.trialComponentName ?? null;
  }
}
