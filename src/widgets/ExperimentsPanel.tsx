import { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import {
  FilterBox,
  ReactWidget,
  refreshIcon,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import * as React from 'react';

import { ServerStatusModel } from '../models/serverStatusModel';
import { ExperimentTree } from '../tree/ExperimentTree';
import { ExperimentTreeModel } from '../tree/experimentTreeModel';
import { ITreeNode } from '../tree/treeNodes';
import { ExperimentsList } from './ExperimentsList';
import { ServerStatusBanner } from './ServerStatusBanner';

/**
 * The Experiments sidebar: the active backend, a search box, then the tree of experiments,
 * trials and trial components of that backend.
 *
 * Every model change schedules a render that reads the models' current state. `UseSignal` would
 * miss a change emitted between `render()` and React's mount, which happens at start.
 */
export class ExperimentsPanel extends ReactWidget {
  constructor(options: ExperimentsPanel.IOptions) {
    super();
    this.tree = options.tree;
    this.serverStatus = options.serverStatus;
    this._trans = options.translator.load('churn_studio_ext');
    this._onOpenTrialComponent = options.onOpenTrialComponent;
    this.addClass('jp-ChurnStudio-experimentsPanel');

    this.serverStatus.changed.connect(this._onModelChanged, this);
    this.tree.changed.connect(this._onModelChanged, this);
  }

  readonly tree: ExperimentTreeModel;

  readonly serverStatus: ServerStatusModel;

  /**
   * Checks the server extension again, then lists the experiments and expanded nodes if it is
   * usable.
   */
  async refresh(): Promise<void> {
    const check = await this.serverStatus.refresh();
    if (check.kind === 'ok' || check.kind === 'mismatch') {
      await this.tree.refresh();
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.serverStatus.changed.disconnect(this._onModelChanged, this);
    this.tree.experiments.dispose();
    this.tree.dispose();
    super.dispose();
  }

  protected render(): JSX.Element {
    const trans = this._trans;
    const check = this.serverStatus.check;
    const serverUsable = check.kind === 'ok' || check.kind === 'mismatch';
    const experiments = this.tree.experiments;

    return (
      <>
        <header className="jp-ChurnStudio-header">
          <h2 className="jp-ChurnStudio-title">{trans.__('Experiments')}</h2>
          <ToolbarButtonComponent
            icon={refreshIcon}
            onClick={() => void this.refresh()}
            tooltip={trans.__('Refresh the experiments list')}
          />
        </header>
        <ServerStatusBanner check={check} trans={trans} />
        {serverUsable && (
          <>
            <div className="jp-ChurnStudio-search">
              <FilterBox
                placeholder={trans.__('Search experiments')}
                updateFilter={(_, query) => {
                  experiments.query = (query ?? '').trim();
                }}
                useFuzzyFilter={false}
                initialQuery={experiments.query}
              />
            </div>
            <ExperimentsList
              state={experiments.state}
              query={experiments.query}
              trans={trans}
              onRetry={() => void experiments.refresh()}
            >
              <ExperimentTree
                model={this.tree}
                trans={trans}
                onOpenTrialComponent={this._onOpenTrialComponent}
              />
            </ExperimentsList>
          </>
        )}
      </>
    );
  }

  private _onModelChanged(): void {
    this.update();
  }

  private _trans: TranslationBundle;
  private _onOpenTrialComponent: (node: ITreeNode) => void;
}

/**
 * The namespace for `ExperimentsPanel` statics.
 */
export namespace ExperimentsPanel {
  /**
   * The options to create an `ExperimentsPanel`.
   */
  export interface IOptions {
    tree: ExperimentTreeModel;
    serverStatus: ServerStatusModel;
    translator: ITranslator;
    /**
     * Called on a double click on a trial component.
     */
    onOpenTrialComponent: (node: ITreeNode) => void;
  }
}
