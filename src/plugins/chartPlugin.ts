import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IThemeManager, MainAreaWidget } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { ChurnStudioApi } from '../api';
import { CommandIDs } from '../chart/commandIds';
import { ChartModel } from '../chart/chartModel';
import { ChartPanel } from '../chart/ChartPanel';
import { experimentsIcon } from '../icons';

/**
 * Adds the `churn-studio:add-chart` command, which opens a Chart of trial components.
 */
export const chartPlugin: JupyterFrontEndPlugin<void> = {
  id: 'churn-studio-ext:chart',
  description: 'Charts of trial component metrics and parameters, as in SageMaker Studio.',
  autoStart: true,
  optional: [ITranslator, IThemeManager],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    themeManager: IThemeManager | null
  ): void => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('churn_studio_ext');
    const api = new ChurnStudioApi({ serverSettings: app.serviceManager.serverSettings });

    const isLight = (): boolean =>
      themeManager?.theme ? themeManager.isLight(themeManager.theme) : true;
    let chartCount = 0;

    app.commands.addCommand(CommandIDs.addChart, {
      label: trans.__('Add Chart'),
      caption: trans.__('Chart the selected trial components'),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            names: { type: 'array', items: { type: 'string' }, minItems: 1 }
          },
          required: ['names']
        }
      },
      execute: async args => {
        const names = Array.isArray(args.names) ? (args.names as unknown[]).map(String) : [];
        if (names.length === 0) {
          throw new Error(trans.__('Add Chart needs the names of one or more trial components.'));
        }

        const model = new ChartModel({ source: api, names });
        const content = new ChartPanel({ model, translator, isLight: isLight() });
        const widget = new MainAreaWidget({ content });
        chartCount += 1;
        widget.id = `churn-studio-chart-${chartCount}`;
        widget.title.label = trans.__('Chart %1', chartCount);
        widget.title.caption = names.join('\n');
        widget.title.icon = experimentsIcon;
        widget.title.closable = true;

        const onThemeChanged = (): void => {
          content.isLight = isLight();
        };
        themeManager?.themeChanged.connect(onThemeChanged);
        widget.disposed.connect(() => themeManager?.themeChanged.disconnect(onThemeChanged));

        app.shell.add(widget, 'main');
        app.shell.activateById(widget.id);
        await model.load();
        return widget.id;
      }
    });
  }
};
