import { Time } from '@jupyterlab/coreutils';
import { ITranslator, nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { PollingModelPanel } from '../widgets/PollingModelPanel';
import {
  ArtifactsTab,
  AwsSettingsTab,
  ChartsTab,
  DebuggerTab,
  MetricsTab,
  ParametersTab,
  TrialMappingsTab
} from './detailTabs';
import { DetailsModel } from './detailsModel';
import { debuggerVerdict, DebuggerVerdict } from './tabData';

/**
 * The tabs of the details view, in display order.
 */
export const DETAIL_TABS = [
  'charts',
  'metrics',
  'parameters',
  'artifacts',
  'awsSettings',
  'debugger',
  'trialMappings'
] as const;

export type DetailTab = (typeof DETAIL_TABS)[number];

/**
 * The main-area Trial component details widget: header, trial stage card and seven tabs.
 */
export class DetailsPanel extends PollingModelPanel<DetailsModel> {
  constructor(options: DetailsPanel.IOptions) {
    super(options.model);
    this._translator = options.translator ?? nullTranslator;
    this._serverRoot = options.serverRoot;
    this._openPath = options.openPath;
    this._isLight = options.isLight ?? true;
    this.addClass('jp-ChurnStudio-detailsPanel');
  }

  /**
   * Whether the JupyterLab theme is light; setting it redraws the charts.
   */
  get isLight(): boolean {
    return this._isLight;
  }
  set isLight(value: boolean) {
    this._isLight = value;
    this._themeVersion += 1;
    this.update();
  }

  protected render(): JSX.Element {
    return (
      <DetailsView
        model={this.model}
        trans={this._translator.load('churn_studio_ext')}
        serverRoot={this._serverRoot}
        openPath={this._openPath}
        isLight={this._isLight}
        themeVersion={this._themeVersion}
      />
    );
  }

  private _translator: ITranslator;
  private _serverRoot: string;
  private _openPath: (path: string) => void;
  private _isLight: boolean;
  private _themeVersion = 0;
}

/**
 * The namespace for `DetailsPanel` statics.
 */
export namespace DetailsPanel {
  export interface IOptions {
    model: DetailsModel;
    translator?: ITranslator;
    /**
     * The Jupyter server's root directory; artifact paths below it open in JupyterLab.
     */
    serverRoot: string;
    /**
     * Opens a file, given its path relative to the server root.
     */
    openPath: (path: string) => void;
    isLight?: boolean;
  }
}

function tabLabel(tab: DetailTab, trans: TranslationBundle): string {
  const labels: { [key in DetailTab]: string } = {
    charts: trans.__('Charts'),
    metrics: trans.__('Metrics'),
    parameters: trans.__('Parameters'),
    artifacts: trans.__('Artifacts'),
    awsSettings: trans.__('AWS Settings'),
    debugger: trans.__('Debugger'),
    trialMappings: trans.__('Trial Mappings')
  };
  return labels[tab];
}

function verdictText(verdict: DebuggerVerdict, trans: TranslationBundle): string {
  const texts: { [key in DebuggerVerdict]: string } = {
    none: trans.__('No rules'),
    pass: trans.__('Pass'),
    issuesFound: trans.__('Issues Found'),
    inProgress: trans.__('In Progress'),
    error: trans.__('Error')
  };
  return texts[verdict];
}

interface IDetailsViewProps {
  model: DetailsModel;
  trans: TranslationBundle;
  serverRoot: string;
  openPath: (path: string) => void;
  isLight: boolean;
  themeVersion: number;
}

function DetailsView(props: IDetailsViewProps): JSX.Element {
  const { model, trans } = props;
  const [tab, setTab] = React.useState<DetailTab>('charts');
  const detail = model.detail;

  if (!detail) {
    return (
      <div className="jp-ChurnStudio-details">
        {model.error ? (
          <div role="alert" className="jp-ChurnStudio-detailsMessage">
            {trans.__('Loading trial component %1 failed: %2', model.name, model.error)}
          </div>
        ) : (
          <p className="jp-ChurnStudio-detailsMessage">
            {trans.__('Loading trial component %1…', model.name)}
          </p>
        )}
      </div>
    );
  }

  const experiments = [...new Set(detail.parents.map(parent => parent.experimentName).filter(Boolean))];
  const trials = [...new Set(detail.parents.map(parent => parent.trialName).filter(Boolean))];
  const job = detail.trainingJob;
  const status = job?.status ?? detail.status;

  let content: JSX.Element;
  switch (tab) {
    case 'charts':
      content = (
        <ChartsTab
          detail={detail}
          series={model.series}
          seriesError={model.seriesError}
          trans={trans}
          isLight={props.isLight}
          themeVersion={props.themeVersion}
        />
      );
      break;
    case 'metrics':
      content = <MetricsTab detail={detail} trans={trans} />;
      break;
    case 'parameters':
      content = <ParametersTab detail={detail} trans={trans} />;
      break;
    case 'artifacts':
      content = (
        <ArtifactsTab detail={detail} serverRoot={props.serverRoot} openPath={props.openPath} trans={trans} />
      );
      break;
    case 'awsSettings':
      content = <AwsSettingsTab detail={detail} trans={trans} />;
      break;
    case 'debugger':
      content = <DebuggerTab detail={detail} trans={trans} />;
      break;
    case 'trialMappings':
      content = <TrialMappingsTab detail={detail} trans={trans} />;
      break;
  }

  return (
    <div className="jp-ChurnStudio-details">
      <header className="jp-ChurnStudio-detailsHeader">
        <h2>{detail.displayName}</h2>
        <div>{trans.__('Experiment: %1', experiments.join(', ') || trans.__('none'))}</div>
        <div>{trans.__('Trial: %1', trials.join(', ') || trans.__('none'))}</div>
      </header>

      <div className="jp-ChurnStudio-stageCard" aria-label={trans.__('Trial stage')}>
        <span>{detail.type}</span>
        <span className="jp-ChurnStudio-stageStatus" data-status={status ?? ''}>
          {status ?? trans.__('Unknown status')}
          {job?.status === 'InProgress' && job.secondaryStatus ? ` · ${job.secondaryStatus}` : ''}
        </span>
        {detail.created && <span title={Time.format(detail.created)}>{Time.formatHuman(detail.created)}</span>}
        {job && (
          <span className="jp-ChurnStudio-debuggerVerdict">
            {trans.__('Debugger status: %1', verdictText(debuggerVerdict(job.debugRules), trans))}
          </span>
        )}
        {model.isPolling && <span className="jp-ChurnStudio-polling">{trans.__('Live')}</span>}
      </div>

      {job?.failureReason && (
        <div role="alert" className="jp-ChurnStudio-detailsMessage">
          {trans.__('Training job failed: %1', job.failureReason)}
        </div>
      )}
      {model.error && (
        <div role="alert" className="jp-ChurnStudio-detailsMessage">
          {trans.__('Refreshing failed: %1', model.error)}
        </div>
      )}

      <div className="jp-ChurnStudio-detailsTabs" role="tablist">
        {DETAIL_TABS.map(name => (
          <button
            key={name}
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'jp-ChurnStudio-detailsTab jp-mod-current' : 'jp-ChurnStudio-detailsTab'}
            onClick={() => setTab(name)}
          >
            {tabLabel(name, trans)}
          </button>
        ))}
      </div>
      <div className="jp-ChurnStudio-detailsTabPanel" role="tabpanel" aria-label={tabLabel(tab, trans)}>
        {content}
      </div>
    </div>
  );
}
