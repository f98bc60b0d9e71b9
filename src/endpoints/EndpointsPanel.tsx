import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import * as React from 'react';

import { PollingModelPanel } from '../widgets/PollingModelPanel';
import { EndpointsListModel } from './endpointsListModel';

/**
 * The Endpoints sidebar: one entry per endpoint with its status, creation time, model and source
 * trial component.
 *
 * Rows carry `data-endpoint-name` so that the context menu's Delete finds the endpoint.
 */
export class EndpointsPanel extends PollingModelPanel<EndpointsListModel> {
  constructor(options: EndpointsPanel.IOptions) {
    super(options.model);
    this._trans = options.trans;
    this._onOpen = options.onOpen;
    this._onOpenTrialComponent = options.onOpenTrialComponent;
    this.addClass('jp-ChurnStudio-endpointsPanel');
  }

  protected render(): JSX.Element {
    const trans = this._trans;
    const model = this.model;
    const endpoints = model.endpoints;

    return (
      <>
        <div className="jp-ChurnStudio-header">
          <h2 className="jp-ChurnStudio-title">{trans.__('Endpoints')}</h2>
          <ToolbarButtonComponent
            icon={refreshIcon}
            className="jp-ChurnStudio-refreshEndpoints"
            tooltip={trans.__('Refresh the endpoints')}
            onClick={() => void model.refresh()}
          />
        </div>
        {model.error && (
          <div className="jp-ChurnStudio-endpointsMessage" role="alert">
            {trans.__('Endpoints could not be loaded: %1', model.error)}
          </div>
        )}
        {!model.isLoaded && model.isLoading && (
          <div className="jp-ChurnStudio-endpointsMessage">{trans.__('Loading endpoints…')}</div>
        )}
        {model.isLoaded && endpoints.length === 0 && (
          <div className="jp-ChurnStudio-endpointsMessage">
            {trans.__('No endpoints. Deploy a model from the trial component list.')}
          </div>
        )}
        {endpoints.length > 0 && (
          <ul className="jp-ChurnStudio-endpointsList" aria-busy={model.isLoading}>
            {endpoints.map(endpoint => (
              <li
                key={endpoint.name}
                className="jp-ChurnStudio-endpointRow"
                data-endpoint-name={endpoint.name}
                data-status={endpoint.status}
                title={trans.__('Double-click to open %1', endpoint.name)}
                onDoubleClick={() => this._onOpen(endpoint.name)}
              >
                <div className="jp-ChurnStudio-endpointLine">
                  <span className="jp-ChurnStudio-endpointName">{endpoint.name}</span>
                  <span
                    className="jp-ChurnStudio-endpointStatus"
                    data-status={endpoint.status}
                    title={endpoint.failureReason ?? endpoint.status}
                  >
                    {endpoint.status}
                  </span>
                </div>
                <div className="jp-ChurnStudio-endpointMeta">
                  <span title={endpoint.creationTime ? Time.format(endpoint.creationTime) : undefined}>
                    {endpoint.creationTime
                      ? trans.__('Created %1', Time.formatHuman(endpoint.creationTime))
                      : ''}
                  </span>
                  {endpoint.modelName && (
                    <span title={endpoint.modelName}>{trans.__('Model %1', endpoint.modelName)}</span>
                  )}
                </div>
                {endpoint.trialComponentName && (
                  <div className="jp-ChurnStudio-endpointMeta">
                    <span>{trans.__('From')}</span>
                    <button
                      className="jp-ChurnStudio-endpointLink"
                      title={trans.__('Open trial component %1', endpoint.trialComponentName)}
                      onClick={() => this._onOpenTrialComponent(endpoint.trialComponentName!)}
                    >
                      {endpoint.trialComponentName}
                    </button>
                  </div>
                )}
                {endpoint.status === 'Failed' && endpoint.failureReason && (
                  <div className="jp-ChurnStudio-endpointFailure" role="alert">
                    {endpoint.failureReason}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }

  private _trans: TranslationBundle;
  private _onOpen: (name: string) => void;
  private _onOpenTrialComponent: (name: string) => void;
}

export namespace EndpointsPanel {
  export interface IOptions {
    model: EndpointsListModel;
    trans: TranslationBundle;
    onOpen: (name: string) => void;
    onOpenTrialComponent: (name: string) => void;
  }
}
