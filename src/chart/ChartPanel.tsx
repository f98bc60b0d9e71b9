import { Clipboard, Notification, ReactWidget } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import { IEmbedResult } from 'vega-embed';
import * as React from 'react';

import { ChartPropertiesPane } from './ChartPropertiesPane';
import { ChartModel } from './chartModel';
import { chartFileStem, downloadChart, renderChart } from './chartRenderer';
import { buildChartSpec, chartTitle } from './chartSpec';
import { documentVariableReader, themeConfig } from './chartTheme';
import { notebookCell } from './notebookCell';

/**
 * The main-area Chart widget: the CHART PROPERTIES pane beside a Vega-Lite chart of the selected
 * trial components, with PNG and SVG export and a "copy as notebook cell" action.
 */
export class ChartPanel extends ReactWidget {
  constructor(options: ChartPanel.IOptions) {
    super();
    this.model = options.model;
    this._translator = options.translator ?? nullTranslator;
    this._isLight = options.isLight ?? true;
    this.addClass('jp-ChurnStudio-chartPanel');
    this.model.changed.connect(() => this.update(), this);
  }

  readonly model: ChartModel;

  /**
   * Whether the JupyterLab theme is light; setting it redraws the chart in the theme's colours.
   */
  get isLight(): boolean {
    return this._isLight;
  }
  set isLight(value: boolean) {
    this._isLight = value;
    this._themeVersion += 1;
    this.update();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

  protected render(): JSX.Element {
    return (
      <ChartView
        model={this.model}
        trans={this._translator.load('churn_studio_ext')}
        isLight={this._isLight}
        themeVersion={this._themeVersion}
      />
    );
  }

  private _translator: ITranslator;
  private _isLight: boolean;
  private _themeVersion = 0;
}

/**
 * The namespace for `ChartPanel` statics.
 */
export namespace ChartPanel {
  export interface IOptions {
    model: ChartModel;
    translator?: ITranslator;
    isLight?: boolean;
  }
}

interface IChartViewProps {
  model: ChartModel;
  trans: TranslationBundle;
  isLight: boolean;
  themeVersion: number;
}

function ChartView(props: IChartViewProps): JSX.Element {
  const { model, trans, isLight, themeVersion } = props;
  const container = React.useRef<HTMLDivElement>(null);
  const embedded = React.useRef<IEmbedResult | null>(null);
  const [renderError, setRenderError] = React.useState<string | null>(null);

  const properties = model.properties;
  const title = chartTitle(properties);
  const isReady =
    model.state === 'ready' &&
    properties.x !== '' &&
    (properties.chartType === 'histogram' || properties.y !== '');

  React.useEffect(() => {
    const element = container.current;
    if (!element || !isReady) {
      return;
    }
    const spec = buildChartSpec(model.rows, properties, {
      config: themeConfig(documentVariableReader())
    });
    let cancelled = false;
    renderChart(element, spec, isLight)
      .then(result => {
        if (cancelled) {
          result.finalize();
          return;
        }
        embedded.current = result;
        setRenderError(null);
      })
      .catch(reason => {
        if (!cancelled) {
          setRenderError((reason as Error).message);
        }
      });
    return () => {
      cancelled = true;
      embedded.current?.finalize();
      embedded.current = null;
    };
  }, [model.rows, properties, isReady, isLight, themeVersion]);

  const exportAs = (format: 'png' | 'svg'): void => {
    if (!embedded.current) {
      return;
    }
    downloadChart(embedded.current, format, chartFileStem(title)).catch(reason => {
      Notification.error(trans.__('Exporting the chart as %1 failed: %2', format.toUpperCase(), String(reason)));
    });
  };
  const copyCell = (): void => {
    Clipboard.copyToSystem(notebookCell(model.names, properties, model.fields.metrics));
    Notification.success(trans.__('Copied a notebook cell that rebuilds this chart.'), { autoClose: 3000 });
  };

  let body: JSX.Element;
  if (model.state === 'error') {
    body = (
      <div className="jp-ChurnStudio-chartMessage" role="alert">
        {trans.__('Loading the chart data failed: %1', model.error ?? '')}
      </div>
    );
  } else if (model.state === 'loading') {
    body = <div className="jp-ChurnStudio-chartMessage">{trans.__('Loading chart data…')}</div>;
  } else if (!isReady) {
    body = (
      <div className="jp-ChurnStudio-chartMessage">
        {trans.__('The selected trial components have no metrics to chart.')}
      </div>
    );
  } else {
    body = <></>;
  }

  return (
    <div className="jp-ChurnStudio-chart">
      <ChartPropertiesPane
        fields={model.fields}
        properties={properties}
        trans={trans}
        onChange={change => void model.setProperties(change)}
      />
      <div className="jp-ChurnStudio-chartMain">
        <div className="jp-ChurnStudio-chartToolbar">
          <span className="jp-ChurnStudio-chartCount">
            {trans._n('%1 trial component', '%1 trial components', model.names.length)}
          </span>
          <button className="jp-mod-styled" disabled={!isReady} onClick={() => exportAs('png')}>
            {trans.__('Export PNG')}
          </button>
          <button className="jp-mod-styled" disabled={!isReady} onClick={() => exportAs('svg')}>
            {trans.__('Export SVG')}
          </button>
          <button className="jp-mod-styled" disabled={model.state !== 'ready'} onClick={copyCell}>
            {trans.__('Copy as notebook cell')}
          </button>
        </div>
        {body}
        {renderError && (
          <div className="jp-ChurnStudio-chartMessage" role="alert">
            {trans.__('Drawing the chart failed: %1', renderError)}
          </div>
        )}
        <div
          ref={container}
          className="jp-ChurnStudio-chartCanvas"
          hidden={!isReady}
          aria-label={title}
        />
      </div>
    </div>
  );
}
