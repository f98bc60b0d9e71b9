import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import * as React from 'react';

import { EndpointMonitoringView } from '../monitoring/EndpointMonitoringView';
import { PollingModelPanel } from '../widgets/PollingModelPanel';
import { EndpointDetailsModel } from './endpointDetailsModel';
import { IEndpointDetail } from './endpointsApi';

type Tab = 'settings' | 'test' | 'monitoring';

/**
 * The main-area view of one endpoint: its settings and data capture, an invoke test form, and
 * the Monitoring tab.
 */
export class EndpointDetailsPanel extends PollingModelPanel<EndpointDetailsModel> {
  constructor(options: EndpointDetailsPanel.IOptions) {
    super(options.model);
    this._trans = options.trans;
    this._onOpenTrialComponent = options.onOpenTrialComponent;
    this.addClass('jp-ChurnStudio-endpointDetails');
  }

  protected render(): JSX.Element {
    const trans = this._trans;
    const model = this.model;
    const detail = model.detail;
    const tabs: [Tab, string][] = [
      ['settings', trans.__('Settings')],
      ['test', trans.__('Test inference')],
      ['monitoring', trans.__('Monitoring')]
    ];

    return (
      <div className="jp-ChurnStudio-endpointDetailsBody">
        <div className="jp-ChurnStudio-endpointHeader">
          <h2 className="jp-ChurnStudio-title">{model.name}</h2>
          {detail && (
            <span className="jp-ChurnStudio-endpointStatus" data-status={detail.status}>
              {detail.status}
            </span>
          )}
          <span className="jp-ChurnStudio-spacer" />
          <ToolbarButtonComponent
            icon={refreshIcon}
            tooltip={trans.__('Refresh the endpoint')}
            onClick={() => void model.refresh()}
          />
        </div>
        {model.error && (
          <div className="jp-ChurnStudio-detailsMessage" role="alert">
            {trans.__('The endpoint could not be loaded: %1', model.error)}
          </div>
        )}
        {!detail && model.isLoading && (
          <div className="jp-ChurnStudio-detailsMessage">{trans.__('Loading the endpoint…')}</div>
        )}
        {detail?.failureReason && (
          <div className="jp-ChurnStudio-detailsMessage" role="alert">
            {trans.__('Failure reason: %1', detail.failureReason)}
          </div>
        )}
        <div className="jp-ChurnStudio-endpointTabs" role="tablist">
          {tabs.map(([id, label]) => (
            <button
              key={id}
              role="tab"
              aria-selected={this._tab === id}
              className={`jp-ChurnStudio-endpointTab${this._tab === id ? ' jp-mod-current' : ''}`}
              onClick={() => {
                this._tab = id;
                this.update();
              }}
            >
              {label}
            </button>
          ))}
        </div>
        <div className="jp-ChurnStudio-endpointTabPanel" role="tabpanel">
          {this._tab === 'settings' && detail && this._renderSettings(detail)}
          {this._tab === 'test' && this._renderTest()}
          {this._tab === 'monitoring' && (
            <EndpointMonitoringView
              endpointName={model.name}
              trans={trans}
              onOpenTrialComponent={this._onOpenTrialComponent}
            />
          )}
        </div>
      </div>
    );
  }

  private _renderSettings(detail: IEndpointDetail): JSX.Element {
    const trans = this._trans;
    const capture = detail.dataCapture;
    const row = (label: string, value: React.ReactNode): JSX.Element => (
      <tr>
        <th scope="row">{label}</th>
        <td>{value ?? ''}</td>
      </tr>
    );

    return (
      <>
        <h3>{trans.__('Endpoint')}</h3>
        <table className="jp-ChurnStudio-keyValues">
          <tbody>
            {row(trans.__('ARN'), detail.arn)}
            {row(trans.__('Endpoint config'), detail.endpointConfigName)}
            {row(trans.__('Created'), detail.creationTime ? Time.format(detail.creationTime) : '')}
            {row(trans.__('Last modified'), detail.lastModifiedTime ? Time.format(detail.lastModifiedTime) : '')}
            {row(
              trans.__('Source trial component'),
              detail.trialComponentName ? (
                <button
                  className="jp-ChurnStudio-endpointLink jp-ChurnStudio-sourceTrialLink"
                  onClick={() => this._onOpenTrialComponent(detail.trialComponentName!)}
                >
                  {detail.trialComponentName}
                </button>
              ) : (
                trans.__('Unknown: no trial component of this studio produced the model')
              )
            )}
          </tbody>
        </table>

        <h3>{trans.__('Production variants')}</h3>
        {detail.variants.map(variant => (
          <table
            key={variant.variantName ?? ''}
            className="jp-ChurnStudio-keyValues jp-ChurnStudio-variantsTable"
            data-variant-name={variant.variantName ?? ''}
          >
            <tbody>
              {row(trans.__('Variant'), variant.variantName)}
              {row(trans.__('Instance type'), variant.instanceType)}
              {row(trans.__('Instance count'), variant.instanceCount)}
              {row(trans.__('Model'), variant.modelName)}
              {row(trans.__('Image'), variant.image ?? trans.__('(model deleted)'))}
              {row(trans.__('Model data URL'), variant.modelDataUrl)}
            </tbody>
          </table>
        ))}

        <h3>{trans.__('Data capture')}</h3>
        {capture ? (
          <table className="jp-ChurnStudio-keyValues">
            <tbody>
              {row(trans.__('Enabled'), capture.enabled ? trans.__('Yes') : trans.__('No'))}
              {row(trans.__('Capture status'), capture.captureStatus)}
              {row(
                trans.__('Sampling percentage'),
                capture.samplingPercentage === null ? '' : `${capture.samplingPercentage} %`
              )}
              {row(trans.__('Destination'), capture.destinationUri)}
              {row(trans.__('Capture modes'), capture.captureModes.join(', '))}
            </tbody>
          </table>
        ) : (
          <p className="jp-ChurnStudio-muted">{trans.__('Data capture is off for this endpoint.')}</p>
        )}
      </>
    );
  }

  private _renderTest(): JSX.Element {
    const trans = this._trans;
    const model = this.model;
    const inService = model.detail?.status === 'InService';
    const result = model.invocation;

    return (
      <form
        className="jp-ChurnStudio-invokeForm"
        onSubmit={event => {
          event.preventDefault();
          void model.invoke();
        }}
      >
        <label className="jp-ChurnStudio-field">
          <span>{trans.__('Content type')}</span>
          <input
            className="jp-mod-styled jp-ChurnStudio-invokeContentType"
            value={model.contentType}
            onChange={event => (model.contentType = event.target.value)}
          />
        </label>
        <label className="jp-ChurnStudio-field">
          <span>{trans.__('Request body')}</span>
          <textarea
            className="jp-mod-styled jp-ChurnStudio-invokeBody"
            rows={4}
            value={model.requestBody}
            placeholder={trans.__('One CSV row of features, without the label')}
            onChange={event => (model.requestBody = event.target.value)}
          />
        </label>
        <div className="jp-ChurnStudio-fieldMessage jp-ChurnStudio-sampleHint" title={model.sample?.sourceUri}>
          {model.sample
            ? model.sample.source === 'validation'
              ? trans.__('Pre-filled with the first validation row of %1, without its label.', model.sample.sourceUri)
              : trans.__('Pre-filled with the latest request that data capture recorded at this endpoint.')
            : model.sampleError
              ? trans.__('No sample row: %1', model.sampleError)
              : trans.__('Loading a sample row…')}
        </div>
        <div className="jp-ChurnStudio-invokeButtons">
          <button
            type="submit"
            className="jp-mod-styled jp-mod-accept jp-ChurnStudio-invokeButton"
            disabled={!inService || model.isInvoking || model.requestBody.trim() === ''}
            title={inService ? undefined : trans.__('The endpoint must be InService.')}
          >
            {model.isInvoking ? trans.__('Sending…') : trans.__('Send request')}
          </button>
          <button
            type="button"
            className="jp-mod-styled jp-ChurnStudio-loadSample"
            onClick={() => void model.loadSampleIntoBody()}
          >
            {trans.__('Load sample row')}
          </button>
          <span className="jp-ChurnStudio-sampleStatus" role="status">
            {sampleLoadStatus(model, trans)}
          </span>
        </div>
        {model.invocationError && (
          <div className="jp-ChurnStudio-detailsMessage jp-ChurnStudio-invokeError" role="alert">
            {model.invocationError}
          </div>
        )}
        {result && (
          <div className="jp-ChurnStudio-invokeResult">
            <div>
              {trans.__('Response (%1)', result.contentType ?? trans.__('unknown type'))}
            </div>
            <pre className="jp-ChurnStudio-invokeResponse">{result.body}</pre>
            <div className="jp-ChurnStudio-invokeLatency">
              {trans.__('Latency: %1 ms', result.latencyMs.toFixed(1))}
            </div>
          </div>
        )}
      </form>
    );
  }

  private _trans: TranslationBundle;
  private _onOpenTrialComponent: (name: string) => void;
  private _tab: Tab = 'settings';
}

/**
 * Describes the last "Load sample row", so the click has visible feedback even when the row is
 * the one already in the request body.
 */
function sampleLoadStatus(model: EndpointDetailsModel, trans: TranslationBundle): string {
  const load = model.sampleLoad;
  if (!load) {
    return '';
  }
  const loaded =
    load.sample.source === 'validation'
      ? trans.__('Loaded the first validation row of %1.', load.sample.sourceUri)
      : trans.__('Loaded the latest captured request of this endpoint.');
  return load.unchanged ? `${loaded} ${trans.__('The request body already contained it.')}` : loaded;
}

export namespace EndpointDetailsPanel {
  export interface IOptions {
    model: EndpointDetailsModel;
    trans: TranslationBundle;
    onOpenTrialComponent: (name: string) => void;
  }
}
