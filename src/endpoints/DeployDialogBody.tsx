import { Dialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { DeployDialogModel } from './deployDialogModel';
import { DeployForm } from './DeployForm';
import { IDeployRequest } from './endpointsApi';

/**
 * The body of the Deploy model dialog. It disables the dialog's OK button while a field is
 * invalid, and `getValue()` returns the request, or null when the fields are invalid.
 */
export class DeployDialogBody extends ReactWidget implements Dialog.IBodyWidget<IDeployRequest | null> {
  constructor(model: DeployDialogModel, trans: TranslationBundle) {
    super();
    this.model = model;
    this._trans = trans;
    this.addClass('jp-ChurnStudio-deployDialog');
    model.changed.connect(this._onChanged, this);
  }

  readonly model: DeployDialogModel;

  getValue(): IDeployRequest | null {
    return this.model.isValid ? this.model.request() : null;
  }

  dispose(): void {
    this.model.changed.disconnect(this._onChanged, this);
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._syncAcceptButton();
  }

  protected render(): JSX.Element {
    return <DeployForm model={this.model} trans={this._trans} />;
  }

  private _onChanged(): void {
    this.update();
    this._syncAcceptButton();
  }

  private _syncAcceptButton(): void {
    const accept = this.node
      .closest('.jp-Dialog')
      ?.querySelector<HTMLButtonElement>('.jp-Dialog-button.jp-mod-accept');
    if (accept) {
      accept.disabled = !this.model.isValid;
    }
  }

  private _trans: TranslationBundle;
}
