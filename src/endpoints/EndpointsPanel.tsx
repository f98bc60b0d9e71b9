import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import { launchIcon, refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import * as React from 'react';

import { PollingModelPanel } from '../widgets/PollingModelPanel';
import { TruncatedName } from '../widgets/TruncatedName';
import { EndpointsListModel } from './endpointsListModel';

/**
 * The Endpoints sidebar: one entry per endpoint with its status, creation time, model and source
 * trial component.
 *
 * A click selects a row. Enter, a double-click or the row's open button opens the endpoint's
 * details. The arrow keys, Home and End move the selection. Rows carry `data-endpoint-name` so
 * that the context menu's Delete finds the endpoint.
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
          <ul
            className="jp-ChurnStudio-endpointsList"
            role="listbox"
            aria-label={trans.__('Endpoints')}
            aria-busy={model.isLoading}
          >
            {endpoints.map((endpoint, index) => {
              const selected = endpoint.name === model.selectedName;
              // One row is in the tab order: the selected one, else the first.
              const focusable = selected || (model.selectedName === null && index === 0);
              return (
                <li
                  key={endpoint.name}
                  className={selected ? 'jp-ChurnStudio-endpointRow jp-mod-selected' : 'jp-ChurnStudio-endpointRow'}
                  role="option"
                  aria-selected={selected}
                  tabIndex={focusable ? 0 : -1}
                  data-endpoint-name={endpoint.name}
                  data-status={endpoint.status}
                  title={trans.__('%1: press Enter or double-click to open its details', endpoint.name)}
                  onClick={() => model.select(endpoint.name)}
                  onDoubleClick={() => this._onOpen(endpoint.name)}
                  onKeyDown={event => this._onRowKeyDown(event, endpoint.name)}
                  onContextMenu={() => model.select(endpoint.name)}
                >
                  <div className="jp-ChurnStudio-endpointLine">
                    <TruncatedName className="jp-ChurnStudio-endpointName" name={endpoint.name} tooltip={null} />
                    <span
                      className="jp-ChurnStudio-endpointStatus"
                      data-status={endpoint.status}
                      title={endpoint.failureReason ?? endpoint.status}
                    >
                      {endpoint.status}
                    </span>
                    <ToolbarButtonComponent
                      icon={launchIcon}
                      className="jp-ChurnStudio-openEndpoint"
                      tooltip={trans.__('Open details of %1', endpoint.name)}
                      onClick={() => {
                        model.select(endpoint.name);
                        this._onOpen(endpoint.name);
                      }}
                    />
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
                        tabIndex={-1}
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
              );
            })}
          </ul>
        )}
      </>
    );
  }

  private _onRowKeyDown(event: React.KeyboardEvent, name: string): void {
    if (event.target !== event.currentTarget) {
      // Keys on the buttons inside a row keep their own meaning.
      return;
    }
    const model = this.model;
    let next: string | null = null;

    switch (event.key) {
      case 'Enter':
        event.preventDefault();
        model.select(name);
        this._onOpen(name);
        return;
      case ' ':
        event.preventDefault();
        model.select(name);
        return;
      case 'ArrowDown':
        model.select(name);
        next = model.selectByOffset(1);
        break;
      case 'ArrowUp':
        model.select(name);
        next = model.selectByOffset(-1);
        break;
      case 'Home':
        next = model.selectByOffset(-model.endpoints.length);
        break;
      case 'End':
        next = model.selectByOffset(model.endpoints.length);
        break;
      default:
        return;
    }
    event.preventDefault();
    this._focusRow(next);
  }

  /**
   * Focuses a row once React rendered the new selection, whose row is then the one in the tab
   * order.
   */
  private _focusRow(name: string | null): void {
    if (name === null) {
      return;
    }
    requestAnimationFrame(() => {
      const row = this.node.querySelector<HTMLElement>(
        `.jp-ChurnStudio-endpointRow[data-endpoint-name="${CSS.escape(name)}"]`
      );
      row?.focus();
    });
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
