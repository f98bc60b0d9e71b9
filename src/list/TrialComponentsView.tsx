import { TranslationBundle } from '@jupyterlab/translation';
import {
  downloadIcon,
  filterIcon,
  ReactWidget,
  refreshIcon,
  tableRowsIcon,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import * as React from 'react';

import { ColumnChooser } from './ColumnChooser';
import { FilterBuilder } from './FilterBuilder';
import { filterProperties } from './filters';
import { ITrialComponentScope } from './scope';
import { TrialComponentListModel } from './trialComponentListModel';
import { TrialComponentTable } from './TrialComponentTable';

/**
 * The actions of the list's toolbar that other parts of the extension implement.
 */
export interface ITrialComponentsActions {
  /**
   * Whether "Add chart" can run, that is whether its command is registered.
   */
  canAddChart: () => boolean;
  addChart: (names: string[]) => void;
  deployModel: (name: string, modelUri: string) => void;
  exportCsv: () => Promise<void>;
  openDetails: (name: string) => void;
}

/**
 * The content of the Trial components main-area widget: a toolbar, the column chooser and the
 * filter builder when open, and the table.
 */
export class TrialComponentsView extends ReactWidget {
  constructor(options: TrialComponentsView.IOptions) {
    super();
    this.model = options.model;
    this._trans = options.trans;
    this._actions = options.actions;
    this._commands = options.commands;
    this.addClass('jp-ChurnStudio-trialComponents');

    this.model.changed.connect(this._onChanged, this);
    this._commands.commandChanged.connect(this._onChanged, this);
  }

  readonly model: TrialComponentListModel;

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._commands.commandChanged.disconnect(this._onChanged, this);
    this.model.dispose();
    super.dispose();
  }

  protected render(): JSX.Element {
    const trans = this._trans;
    const model = this.model;
    const selected = model.selectedNames;
    const deploy = model.deployCheck;
    const modelUri = deploy.kind === 'ready' ? deploy.modelUri : null;
    const canDeploy = selected.length === 1 && modelUri !== null;
    const scope = scopeLabel(model.scope, trans);
    const selection = selected.length > 0 ? trans._n('%1 row selected', '%1 rows selected', selected.length) : '';

    return (
      <>
        <div className="jp-ChurnStudio-tcToolbar">
          <h2 className="jp-ChurnStudio-title">{trans.__('Trial components')}</h2>
          <span className="jp-ChurnStudio-tcScope" title={scope}>
            {scope}
          </span>
          <span className="jp-ChurnStudio-tcSelection" aria-live="polite" title={selection}>
            {selection}
          </span>
          <span className="jp-ChurnStudio-spacer" />
          <button
            className="jp-Button jp-mod-styled jp-mod-small jp-ChurnStudio-addChart"
            disabled={selected.length === 0 || !this._actions.canAddChart()}
            title={trans.__('Chart the selected trial components')}
            onClick={() => this._actions.addChart(selected)}
          >
            {trans.__('Add chart')}
          </button>
          <button
            className="jp-Button jp-mod-styled jp-mod-small jp-ChurnStudio-deployModel"
            disabled={!canDeploy}
            title={
              canDeploy
                ? trans.__('Deploy the model of %1', selected[0])
                : trans.__('Select one trial component that has a model artifact')
            }
            onClick={() => canDeploy && this._actions.deployModel(selected[0], modelUri!)}
          >
            {trans.__('Deploy model')}
          </button>
          <ToolbarButtonComponent
            icon={downloadIcon}
            className="jp-ChurnStudio-exportCsv"
            enabled={!this._exporting}
            tooltip={trans.__('Export every matching row as CSV')}
            onClick={() => void this._exportCsv()}
          />
          <ToolbarButtonComponent
            icon={tableRowsIcon}
            className="jp-ChurnStudio-toggleColumns"
            pressed={this._panel === 'columns'}
            tooltip={trans.__('Choose columns')}
            onClick={() => this._togglePanel('columns')}
          />
          <ToolbarButtonComponent
            icon={filterIcon}
            className="jp-ChurnStudio-toggleFilters"
            pressed={this._panel === 'filters'}
            tooltip={
              model.filters.length > 0
                ? trans._n('%1 filter active', '%1 filters active', model.filters.length)
                : trans.__('Filter on parameters, metrics, tags, dates and type')
            }
            onClick={() => this._togglePanel('filters')}
          />
          <ToolbarButtonComponent
            icon={refreshIcon}
            className="jp-ChurnStudio-refreshList"
            tooltip={trans.__('Refresh the trial components')}
            onClick={() => model.refresh()}
          />
        </div>
        {this._panel === 'columns' && (
          <ColumnChooser
            columns={model.columns}
            state={model.columnState}
            trans={trans}
            onChange={state => model.setColumnState(state)}
          />
        )}
        {this._panel === 'filters' && (
          <FilterBuilder
            properties={filterProperties(model.parameterNames, model.metricNames)}
            tagKeys={model.tagKeys}
            conditions={model.filters}
            trans={trans}
            onChange={conditions => model.setFilters(conditions)}
          />
        )}
        <StatusLine model={model} trans={trans} exportProgress={this._exportProgress} />
        <TrialComponentTable model={model} trans={trans} onOpen={name => this._actions.openDetails(name)} />
      </>
    );
  }

  private async _exportCsv(): Promise<void> {
    this._exporting = true;
    this._exportProgress = this._trans.__('Exporting…');
    this.update();
    try {
      await this._actions.exportCsv();
      this._exportProgress = null;
    } catch (error) {
      this._exportProgress = this._trans.__('Export failed: %1', (error as Error).message);
    } finally {
      this._exporting = false;
      this.update();
    }
  }

  private _togglePanel(panel: 'columns' | 'filters'): void {
    this._panel = this._panel === panel ? null : panel;
    this.update();
  }

  private _onChanged(): void {
    this.update();
  }

  private _trans: TranslationBundle;
  private _actions: ITrialComponentsActions;
  private _commands: CommandRegistry;
  private _panel: 'columns' | 'filters' | null = null;
  private _exporting = false;
  private _exportProgress: string | null = null;
}

/**
 * The namespace for `TrialComponentsView` statics.
 */
export namespace TrialComponentsView {
  /**
   * The options to create a `TrialComponentsView`.
   */
  export interface IOptions {
    model: TrialComponentListModel;
    trans: TranslationBundle;
    actions: ITrialComponentsActions;
    /**
     * The registry whose command changes enable or disable "Add chart".
     */
    commands: CommandRegistry;
  }
}

function StatusLine(props: {
  model: TrialComponentListModel;
  trans: TranslationBundle;
  exportProgress: string | null;
}): JSX.Element {
  const { model, trans, exportProgress } = props;

  let text: string;
  if (model.isLoading && model.loadedCount === 0) {
    text = trans.__('Loading trial components…');
  } else if (model.total !== null) {
    text = trans.__('%1 of %2 rows loaded', model.loadedCount, model.total);
  } else {
    text = trans._n('%1 row loaded', '%1 rows loaded', model.loadedCount);
  }

  return (
    <div className="jp-ChurnStudio-tcStatus" aria-busy={model.isLoading}>
      <span className="jp-ChurnStudio-muted">{text}</span>
      {exportProgress && <span className="jp-ChurnStudio-muted"> · {exportProgress}</span>}
      {model.isEmpty && (
        <span className="jp-ChurnStudio-muted"> · {trans.__('No trial components match.')}</span>
      )}
      {model.error !== null && (
        <div className="jp-ChurnStudio-problem" role="alert">
          {trans.__('Loading trial components failed: %1', model.error)}{' '}
          <button className="jp-mod-styled jp-mod-accept" onClick={() => model.retry()}>
            {trans.__('Retry')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * Describes the scope for the toolbar and the tab title.
 */
export function scopeLabel(scope: ITrialComponentScope, trans: TranslationBundle): string {
  if (scope.unassigned) {
    return trans.__('Unassigned trial components');
  }
  const parts: string[] = [];
  if (scope.experiments.length > 0) {
    parts.push(trans._n('Experiment %2', 'Experiments %2', scope.experiments.length, scope.experiments.join(', ')));
  }
  if (scope.trials.length > 0) {
    parts.push(trans._n('Trial %2', 'Trials %2', scope.trials.length, scope.trials.join(', ')));
  }
  return parts.length > 0 ? parts.join(' · ') : trans.__('All trial components');
}
