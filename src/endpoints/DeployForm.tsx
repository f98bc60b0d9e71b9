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
  const countError = model.instanceCountError;
  const samplingError = model.samplingError;

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
            : nameError ?? trans.__('Letters, digits and hyphens; at most 63 characters.')}
        </span>
        {model.namesError && (
          <span className="jp-ChurnStudio-fieldMessage">
            {trans.__('Existing names could not be loaded (%1); the server checks the name on OK.', model.namesError)}
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

      <label className="jp-ChurnStudio-field">
        <span>{trans.__('Instance count')}</span>
        <input
          className="jp-mod-styled jp-ChurnStudio-instanceCount"
          type="number"
          min={1}
          value={model.instanceCountText}
          aria-invalid={countError !== null}
          onChange={event => (model.instanceCountText = event.target.value)}
        />
        <span className="jp-ChurnStudio-fieldMessage" role={countError ? 'alert' : undefined}>
          {countError ?? trans.__('Recorded in the endpoint config; the local backend serves with one process.')}
        </span>
      </label>

      <label className="jp-ChurnStudio-checkboxField">
        <input
          type="checkbox"
          className="jp-ChurnStudio-captureEnabled"
          checked={model.captureEnabled}
          onChange={event => (model.captureEnabled = event.target.checked)}
        />
        <span>{trans.__('Capture requests and responses (data capture)')}</span>
      </label>

      <label className="jp-ChurnStudio-field">
        <span>{trans.__('Sampling percentage')}</span>
        <input
          className="jp-mod-styled jp-ChurnStudio-samplingPercentage"
          type="number"
          min={0}
          max={100}
          disabled={!model.captureEnabled}
          value={model.samplingText}
          aria-invalid={samplingError !== null}
          onChange={event => (model.samplingText = event.target.value)}
        />
        <span className="jp-ChurnStudio-fieldMessage" role={samplingError ? 'alert' : undefined}>
          {samplingError ?? ''}
        </span>
      </label>
    </div>
  );
}
