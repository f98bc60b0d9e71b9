import { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import * as React from 'react';

import { ExperimentsModel } from '../models/experimentsModel';
import { ServerStatusModel } from '../models/serverStatusModel';
import { ExperimentsList } from './ExperimentsList';
import { ServerStatusBanner } from './ServerStatusBanner';

/**
 * The Experiments sidebar: the active backend, then the experiments of that backend.
 *
 * Every model change schedules a render that reads the models' current state. `UseSignal` would
 * miss a change emitted between `render()` and React's mount, which happens at start.
 */
export class ExperimentsPanel extends ReactWidget {
  constructor(options: ExperimentsPanel.IOptions) {
    super();
    this.model = options.model;
    this.serverStatus = options.serverStatus;
    this._trans = options.translator.load('churn_studio_ext');
    this.addClass('jp-ChurnStudio-experimentsPanel');

    this.serverStatus.changed.connect(this._onModelChanged, this);
    this.model.stateChanged.connect(this._onModelChanged, this);
  }

  readonly model: ExperimentsModel;

  readonly serverStatus: ServerStatusModel;

  /**
   * Checks the server extension again, then lists the experiments if it is usable.
   */
  async refresh(): Promise<void> {
    const check = await this.serverStatus.refresh();
    if (check.kind === 'ok' || check.kind === 'mismatch') {
      await this.model.refresh();
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.serverStatus.changed.disconnect(this._onModelChanged, this);
    this.model.dispose();
    super.dispose();
  }

  protected render(): JSX.Element {
    const trans = this._trans;
    const check = this.serverStatus.check;
    const serverUsable = check.kind === 'ok' || check.kind === 'mismatch';

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
          <ExperimentsList
            state={this.model.state}
            trans={trans}
            onRetry={() => void this.model.refresh()}
          />
        )}
      </>
    );
  }

  private _onModelChanged(): void {
    this.update();
  }

  private _trans: TranslationBundle;
}

/**
 * The namespace for `ExperimentsPanel` statics.
 */
export namespace ExperimentsPanel {
  /**
   * The options to create an `ExperimentsPanel`.
   */
  export interface IOptions {
    model: ExperimentsModel;
    serverStatus: ServerStatusModel;
    translator: ITranslator;
  }
}
