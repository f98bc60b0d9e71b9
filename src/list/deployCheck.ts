import { ISignal, Signal } from '@lumino/signaling';

import { ITrialComponentArtifacts } from '../api';
import { modelArtifactUri } from './deploy';

/**
 * Whether the one selected trial component has a model to deploy.
 */
export type DeployCheck =
  | { kind: 'none' }
  | { kind: 'checking'; name: string }
  | { kind: 'ready'; name: string; modelUri: string | null }
  | { kind: 'error'; name: string; message: string };

/**
 * Checks whether the one selected trial component has a model, for the Deploy model button.
 *
 * The list rows carry no artifacts, so the check fetches the component. Only the latest check may
 * set the result, so a slow reply for an earlier selection is dropped.
 */
export class DeployCheckModel {
  constructor(fetchArtifacts: (name: string) => Promise<ITrialComponentArtifacts>) {
    this._fetchArtifacts = fetchArtifacts;
  }

  /**
   * Emitted when a check finishes.
   */
  get changed(): ISignal<this, DeployCheck> {
    return this._changed;
  }

  get check(): DeployCheck {
    return this._check;
  }

  /**
   * Starts a check for a selection of exactly one name, or clears the result for any other.
   */
  update(selectedNames: string[]): void {
    if (selectedNames.length !== 1) {
      this._check = { kind: 'none' };
      return;
    }
    const name = selectedNames[0];
    if (this._check.kind !== 'none' && this._check.name === name) {
      return;
    }
    void this._run(name);
  }

  private async _run(name: string): Promise<void> {
    this._check = { kind: 'checking', name };

    let check: DeployCheck;
    try {
      const artifacts = await this._fetchArtifacts(name);
      check = { kind: 'ready', name, modelUri: modelArtifactUri(artifacts) };
    } catch (error) {
      check = { kind: 'error', name, message: (error as Error).message };
    }

    if (this._check.kind === 'checking' && this._check.name === name) {
      this._check = check;
      this._changed.emit(check);
    }
  }

  private _fetchArtifacts: (name: string) => Promise<ITrialComponentArtifacts>;
  private _check: DeployCheck = { kind: 'none' };
  private _changed = new Signal<this, DeployCheck>(this);
}
