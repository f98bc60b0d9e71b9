import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { DeployDialogModel, INSTANCE_TYPES } from './deployDialogModel';

/**
 * The props of `DeployForm`.
 */
export interface IDeployFormProps {
  model: DeployDialogModel;
  trans: TranslationBundle;
}

/**
 * Renders the fields of the Deploy model dialog, each with its message under it.
 */
export function DeployForm(props: IDeployFormProps): JSX.Element {
  const { model, trans } = props;
  const nameError = model.checkingNames ? null : model.nameError;

  return (
    <div className="jp-ChurnStudio-deployForm">
      <p className="jp-ChurnStudio-deploySource">
        {trans.__('Trial component: %1', model.trialComponentName)}
        {model.modelUri && (
          <>
            <br />
            <span className="jp-ChurnStudio-muted">{trans.__('Model: %1', model.modelUri)}</span>
          </>
        )}
      </p>

      <label className="jp-ChurnStudio-field">
        <span>{trans.__('Endpoint name')}</span>
        <input
          className="jp-mod-styled jp-ChurnStudio-endpointNameInput"
          value={model.name}
          maxLength={80}
          aria-invalid={nameError !== null}
          aria-describedby="jp-ChurnStudio-endpointNameMessage"
          onChange={event => (model.name = event.target.value)}
        />
        <span
          id="jp-ChurnStudio-endpointNameMessage"
          className="jp-ChurnStudio-fieldMessage"
          role={nameError ? 'alert' : undefined}
        >
          {model.checkingNames
            ? trans.__('Checking existing endpoint names…')
            : nameError ?? trans.__('Letters, digits and hyphens, at most 63 characters.')}
        </span>
        {model.namesError && (
          <span className="jp-ChurnStudio-fieldMessage">
            {trans.__('Failed to load existing names (%1). The server checks the name on OK.', model.namesError)}
          </span>
        )}
      </label>

      <label className="jp-ChurnStudio-field">
        <span>{trans.__('Instance type')}</span>
        <select
          className="jp-mod-styled jp-ChurnStudio-instanceType"
          value={model.instanceType}
          onChange={event => (model.instanceType = event.target.value)}
        >
          {INSTANCE_TYPES.map(type => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>

      <NumberField
        label={trans.__('Instance count')}
        className="jp-ChurnStudio-instanceCount"
        min={1}
        value={model.instanceCountText}
        error={model.instanceCountError}
        hint={trans.__('Recorded in the endpoint config. The local backend serves with one process.')}
        onChange={value => (model.instanceCountText = value)}
      />

      <label className="jp-ChurnStudio-checkboxField">
        <input
          type="checkbox"
          className="jp-ChurnStudio-captureEnabled"
          checked={model.captureEnabled}
          onChange={event => (model.captureEnabled = event.target.checked)}
        />
        <span>{trans.__('Capture requests and responses (data capture)')}</span>
      </label>

      <NumberField
        label={trans.__('Sampling percentage')}
        className="jp-ChurnStudio-samplingPercentage"
        min={0}
        max={100}
        disabled={!model.captureEnabled}
        value={model.samplingText}
        error={model.samplingError}
        hint=""
        onChange={value => (model.samplingText = value)}
      />
    </div>
  );
}

/**
 * Renders a labelled number input with its error, or its hint while the value is valid.
 */
function NumberField(props: {
  label: string;
  className: string;
  min: number;
  max?: number;
  disabled?: boolean;
  value: string;
  error: string | null;
  hint: string;
  onChange: (value: string) => void;
}): JSX.Element {
  const { error } = props;
  return (
    <label className="jp-ChurnStudio-field">
      <span>{props.label}</span>
      <input
        className={`jp-mod-styled ${props.className}`}
        type="number"
        min={props.min}
        max={props.max}
        disabled={props.disabled}
        value={props.value}
        aria-invalid={error !== null}
        onChange={event => props.onChange(event.target.value)}
      />
      <span className="jp-ChurnStudio-fieldMessage" role={error ? 'alert' : undefined}>
        {error ?? props.hint}
      </span>
    </label>
  );
}
