import { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';

import { endpointNameProblem, suggestEndpointName } from './endpointName';
import { IDeployRequest } from './endpointsApi';

/**
 * The instance types that the Deploy model dialog offers, with ml.m5.xlarge as the default.
 */
export const INSTANCE_TYPES = [
  'ml.t2.medium',
  'ml.m4.xlarge',
  'ml.m5.large',
  'ml.m5.xlarge',
  'ml.m5.2xlarge',
  'ml.c5.xlarge',
  'ml.c5.2xlarge'
];

export const DEFAULT_INSTANCE_TYPE = 'ml.m5.xlarge';

/**
 * The fields of the Deploy model dialog and their checks.
 *
 * The existing names arrive after the dialog opens, so the name is checked again when they do.
 */
export class DeployDialogModel {
  constructor(options: DeployDialogModel.IOptions) {
    this.trialComponentName = options.trialComponentName;
    this._modelUri = options.modelUri ?? null;
    this._trans = options.trans;
    this._existingNames = options.existingNames ?? [];
    this._name = suggestEndpointName(options.trialComponentName, this._existingNames);
  }

  readonly trialComponentName: string;

  /**
   * The model artifact to deploy, shown for reference, or null until it is known.
   */
  get modelUri(): string | null {
    return this._modelUri;
  }

  set modelUri(value: string | null) {
    this._modelUri = value;
    this._changed.emit();
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get name(): string {
    return this._name;
  }

  set name(value: string) {
    this._name = value;
    this._changed.emit();
  }

  get instanceType(): string {
    return this._instanceType;
  }

  set instanceType(value: string) {
    this._instanceType = value;
    this._changed.emit();
  }

  /**
   * The instance count as typed, so that a half-typed value does not jump.
   */
  get instanceCountText(): string {
    return this._instanceCountText;
  }

  set instanceCountText(value: string) {
    this._instanceCountText = value;
    this._changed.emit();
  }

  get captureEnabled(): boolean {
    return this._captureEnabled;
  }

  set captureEnabled(value: boolean) {
    this._captureEnabled = value;
    this._changed.emit();
  }

  get samplingText(): string {
    return this._samplingText;
  }

  set samplingText(value: string) {
    this._samplingText = value;
    this._changed.emit();
  }

  /**
   * Whether the existing endpoint names are still loading. The name cannot be checked until then.
   */
  get checkingNames(): boolean {
    return this._checkingNames;
  }

  /**
   * Records the names of the existing endpoints. A name the user has not edited is replaced
   * by a free suggestion.
   */
  setExistingNames(names: string[]): void {
    const suggested = suggestEndpointName(this.trialComponentName, this._existingNames);
    this._existingNames = names;
    this._checkingNames = false;
    if (this._name === suggested) {
      this._name = suggestEndpointName(this.trialComponentName, names);
    }
    this._changed.emit();
  }

  /**
   * Records that loading the existing names failed. The server still rejects an existing name.
   */
  setExistingNamesFailed(message: string): void {
    this._checkingNames = false;
    this._namesError = message;
    this._changed.emit();
  }

  get namesError(): string | null {
    return this._namesError;
  }

  get nameError(): string | null {
    return endpointNameProblem(this._name, this._existingNames, this._trans);
  }

  get instanceCountError(): string | null {
    const count = Number(this._instanceCountText);
    if (!/^\d+$/.test(this._instanceCountText.trim()) || !Number.isInteger(count) || count < 1) {
      return this._trans.__('Enter a whole number of 1 or more.');
    }
    return null;
  }

  get samplingError(): string | null {
    if (!this._captureEnabled) {
      return null;
    }
    const value = Number(this._samplingText);
    if (!/^\d+$/.test(this._samplingText.trim()) || value < 0 || value > 100) {
      return this._trans.__('Enter a whole percentage from 0 to 100.');
    }
    return null;
  }

  get isValid(): boolean {
    return (
      !this._checkingNames &&
      this.nameError === null &&
      this.instanceCountError === null &&
      this.samplingError === null
    );
  }

  /**
   * Builds the `POST endpoints` body of the current fields. Call it only when `isValid`.
   */
  request(): IDeployRequest {
    return {
      endpointName: this._name,
      trialComponentName: this.trialComponentName,
      instanceType: this._instanceType,
      instanceCount: Number(this._instanceCountText),
      dataCapture: {
        enabled: this._captureEnabled,
        samplingPercentage: this._captureEnabled ? Number(this._samplingText) : 0
      }
    };
  }

  private _trans: TranslationBundle;
  private _modelUri: string | null;
  private _existingNames: string[];
  private _checkingNames = true;
  private _namesError: string | null = null;
  private _name: string;
  private _instanceType = DEFAULT_INSTANCE_TYPE;
  private _instanceCountText = '1';
  private _captureEnabled = true;
  private _samplingText = '100';
  private _changed = new Signal<this, void>(this);
}

export namespace DeployDialogModel {
  export interface IOptions {
    trialComponentName: string;
    modelUri?: string | null;
    trans: TranslationBundle;
    existingNames?: string[];
  }
}
