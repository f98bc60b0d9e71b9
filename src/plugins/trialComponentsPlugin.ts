import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { tableRowsIcon } from '@jupyterlab/ui-components';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

import { ChurnStudioApi } from '../api';
import { CommandIDs } from '../commands';
import { EndpointCommandIDs } from '../endpoints/commandIds';
import { allColumns } from '../list/columns';
import { columnLabel } from '../list/columnLabels';
import { ColumnPreset, normalizeColumnState, visibleColumns } from '../list/columnState';
import { buildCsv } from '../list/csv';
import { normalizeConditions } from '../list/filters';
import { ITrialComponentScope, normalizeScope, scopeKey } from '../list/scope';
import { DEFAULT_SORT, ISortState } from '../list/listState';
import { TrialComponentListModel } from '../list/trialComponentListModel';
import { scopeLabel, TrialComponentsView } from '../list/TrialComponentsView';

/**
 * The plugin whose settings (`schema/plugin.json`) contain the list's page size, default columns
 * and refresh interval.
 */
const SETTINGS_ID = 'churn-studio-ext:plugin';

/**
 * Adds the Trial components list, its command and its workspace restoration.
 */
export const trialComponentsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'churn-studio-ext:trial-components',
  description: 'The Trial components list of SageMaker Studio: paged, sortable, filterable.',
  autoStart: true,
  optional: [ITranslator, ISettingRegistry, ICommandPalette, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('churn_studio_ext');
    const api = new ChurnStudioApi({ serverSettings: app.serviceManager.serverSettings });
    const { commands } = app;

    const tracker = new WidgetTracker<MainAreaWidget<TrialComponentsView>>({
      namespace: 'churn-studio-trial-components'
    });
    const options = { pageSize: 100, defaultColumns: 'all' as ColumnPreset, refreshInterval: 10 };
    let counter = 0;

    const exportCsv = async (model: TrialComponentListModel): Promise<void> => {
      const rows = await model.fetchAllRows();
      const parameterNames = new Set<string>();
      const metricNames = new Set<string>();
      for (const row of rows) {
        Object.keys(row.parameters).forEach(name => parameterNames.add(name));
        Object.keys(row.metrics).forEach(name => metricNames.add(name));
      }
      const columns = visibleColumns(model.columnState, allColumns([...parameterNames], [...metricNames]));
      const csv = buildCsv(columns, rows, column => columnLabel(column, trans));
      Private.download(csv, 'trial-components.csv');
    };

    // The endpoints plugin registers the Deploy model dialog.
    const deployModel = (name: string, modelUri: string): void => {
      void commands.execute(EndpointCommandIDs.deployModel, { name, modelUri });
    };

    const createWidget = (args: ReadonlyPartialJSONObject): MainAreaWidget<TrialComponentsView> => {
      const model = new TrialComponentListModel({
        source: api,
        scope: normalizeScope(args.scope as Partial<ITrialComponentScope> | undefined),
        columns: normalizeColumnState(args.columns, options.defaultColumns),
        sort: Private.normalizeSort(args.sort),
        filters: normalizeConditions(args.filters),
        pageSize: options.pageSize
      });
      model.autoRefreshInterval = options.refreshInterval;

      const content = new TrialComponentsView({
        model,
        trans,
        commands,
        actions: {
          canAddChart: () => commands.hasCommand(CommandIDs.addChart),
          addChart: names => void commands.execute(CommandIDs.addChart, { names }),
          deployModel,
          exportCsv: () => exportCsv(model),
          openDetails: name => {
            if (commands.hasCommand(CommandIDs.openTrialComponentDetails)) {
              void commands.execute(CommandIDs.openTrialComponentDetails, { name });
            }
          }
        }
      });
      const widget = new MainAreaWidget({ content });
      // A restored list keeps its id, because the saved layout refers to the widget by it.
      widget.id =
        typeof args.id === 'string' && args.id
          ? args.id
          : `churn-studio-trial-components-${++counter}-${Date.now()}`;
      widget.title.icon = tableRowsIcon;
      widget.title.label = trans.__('Trial components');
      widget.title.caption = scopeLabel(model.scope, trans);
      widget.title.closable = true;

      model.viewStateChanged.connect(() => void tracker.save(widget));
      return widget;
    };

    commands.addCommand(CommandIDs.openTrialComponents, {
      label: trans.__('Open Trial Components'),
      caption: trans.__('List trial components with their parameters and metrics'),
      icon: tableRowsIcon,
      execute: async args => {
        // The list of the same scope is reused unless the args carry a whole view state.
        const key = scopeKey(normalizeScope(args.scope as Partial<ITrialComponentScope> | undefined));
        const existing = args.columns
          ? undefined
          : tracker.find(widget => scopeKey(widget.content.model.scope) === key);
        if (existing) {
          app.shell.activateById(existing.id);
          return existing;
        }

        const widget = createWidget(args);
        await tracker.add(widget);
        app.shell.add(widget, 'main');
        app.shell.activateById(widget.id);
        return widget;
      }
    });
    palette?.addItem({ command: CommandIDs.openTrialComponents, category: trans.__('Churn Studio') });

    restorer?.restore(tracker, {
      command: CommandIDs.openTrialComponents,
      args: widget =>
        ({ ...widget.content.model.viewState, id: widget.id }) as unknown as ReadonlyPartialJSONObject,
      name: widget => widget.id
    });

    if (settingRegistry) {
      settingRegistry
        .load(SETTINGS_ID)
        .then(settings => {
          const apply = (): void => {
            options.pageSize = settings.get('pageSize').composite as number;
            options.defaultColumns = settings.get('defaultColumns').composite as ColumnPreset;
            options.refreshInterval = settings.get('trialComponentsRefreshInterval').composite as number;
            tracker.forEach(widget => {
              widget.content.model.pageSize = options.pageSize;
              widget.content.model.autoRefreshInterval = options.refreshInterval;
            });
          };
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.error(`Loading the settings of ${SETTINGS_ID} failed.`, reason);
        });
    }
  }
};

namespace Private {
  /**
   * Returns a valid sort from stored JSON, or the default sort.
   */
  export function normalizeSort(value: unknown): ISortState {
    const sort = value as Partial<ISortState> | undefined;
    if (sort && typeof sort.key === 'string' && sort.key && (sort.order === 'asc' || sort.order === 'desc')) {
      return { key: sort.key, order: sort.order };
    }
    return DEFAULT_SORT;
  }

  /**
   * Saves text as a file through the browser's download.
   */
  export function download(text: string, fileName: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has started once click() returns, so the URL can go.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
