import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IThemeManager, MainAreaWidget } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { ChurnStudioApi } from '../api';
import { CommandIDs } from '../details/commandIds';
import { DetailsModel } from '../details/detailsModel';
import { DetailsPanel } from '../details/DetailsPanel';
import { experimentsIcon } from '../icons';
import { activateOpenWidget } from '../widgets/mainArea';
import { shortenMiddle } from '../widgets/TruncatedName';

/**
 * The plugin whose settings hold `refreshInterval`, shared with the Experiments sidebar.
 */
const SETTINGS_PLUGIN_ID = 'churn-studio-ext:plugin';

/**
 * Seconds between refetches of an in-progress component until the settings load.
 */
const DEFAULT_REFRESH_SECONDS = 30;

/**
 * Adds `churn-studio:open-trial-component-details`, which opens the details of one trial component.
 */
export const detailsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'churn-studio-ext:details',
  description: 'The Trial component details view of SageMaker Studio, with live Debugger status.',
  autoStart: true,
  optional: [ITranslator, IThemeManager, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    themeManager: IThemeManager | null,
    settingRegistry: ISettingRegistry | null
  ): void => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('churn_studio_ext');
    const api = new ChurnStudioApi({ serverSettings: app.serviceManager.serverSettings });
    const serverRoot = PageConfig.getOption('serverRoot');

    const isLight = (): boolean =>
      themeManager?.theme ? themeManager.isLight(themeManager.theme) : true;
    let refreshInterval = DEFAULT_REFRESH_SECONDS;
    const openModels = new Set<DetailsModel>();

    if (settingRegistry) {
      settingRegistry
        .load(SETTINGS_PLUGIN_ID)
        .then(settings => {
          const apply = (): void => {
            refreshInterval = settings.get('refreshInterval').composite as number;
            openModels.forEach(model => (model.refreshInterval = refreshInterval));
          };
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.error(`Loading the settings of ${SETTINGS_PLUGIN_ID} failed.`, reason);
        });
    }

    app.commands.addCommand(CommandIDs.openTrialComponentDetails, {
      label: trans.__('Open in Trial Details'),
      caption: trans.__('Show the metrics, parameters, artifacts and Debugger rules of a trial component'),
      describedBy: {
        args: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1 } },
          required: ['name']
        }
      },
      execute: async args => {
        const name = typeof args.name === 'string' ? args.name : '';
        if (!name) {
          throw new Error(trans.__('Missing trial component name. Pass `name` to Open in Trial Details.'));
        }

        const id = `churn-studio-details-${name}`;
        if (activateOpenWidget(app.shell, id)) {
          return id;
        }

        const model = new DetailsModel({ source: api, name, refreshInterval });
        const content = new DetailsPanel({
          model,
          translator,
          serverRoot,
          isLight: isLight(),
          openPath: path => void app.commands.execute('docmanager:open', { path })
        });
        const widget = new MainAreaWidget({ content });
        widget.id = id;
        // The tab shows the name with its distinctive end, and the tooltip the full name.
        widget.title.label = shortenMiddle(name);
        widget.title.caption = trans.__('Trial component: %1', name);
        widget.title.icon = experimentsIcon;
        widget.title.closable = true;

        const onThemeChanged = (): void => {
          content.isLight = isLight();
        };
        themeManager?.themeChanged.connect(onThemeChanged);
        openModels.add(model);
        widget.disposed.connect(() => {
          themeManager?.themeChanged.disconnect(onThemeChanged);
          openModels.delete(model);
        });

        app.shell.add(widget, 'main');
        app.shell.activateById(id);
        await model.refresh();
        return id;
      }
    });
  }
};
