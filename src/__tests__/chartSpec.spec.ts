import { summaryRows } from '../chart/chartFields';
import { buildChartSpec, chartTitle, columnType, fieldRef } from '../chart/chartSpec';
import { themeConfig } from '../chart/chartTheme';
import { TOUR_COMPONENTS } from './chartFixtures';

const TOUR_PROPERTIES = {
  dataType: 'summary' as const,
  chartType: 'scatter' as const,
  x: 'min_child_weight',
  y: 'validation:error_last',
  color: 'trialComponentName'
};

type Encoding = { [channel: string]: { [key: string]: unknown } };

function encodingOf(spec: { [key: string]: unknown }): Encoding {
  return spec.encoding as Encoding;
}

describe('chartTitle', () => {
  it('writes y v/s x as Studio does', () => {
    expect(chartTitle(TOUR_PROPERTIES)).toBe('validation:error_last v/s min_child_weight');
  });

  it('names histograms and time series', () => {
    expect(chartTitle({ ...TOUR_PROPERTIES, chartType: 'histogram' })).toBe('Histogram of min_child_weight');
    expect(chartTitle({ ...TOUR_PROPERTIES, dataType: 'timeSeries', y: 'train:error' })).toBe(
      'train:error v/s step'
    );
  });
});

describe('fieldRef', () => {
  it('escapes dots and brackets', () => {
    expect(fieldRef('SageMaker.InstanceCount')).toBe('SageMaker\\.InstanceCount');
    expect(fieldRef('loss[0]')).toBe('loss\\[0\\]');
    expect(fieldRef('validation:error_last')).toBe('validation:error_last');
  });
});

describe('columnType', () => {
  const rows = summaryRows(TOUR_COMPONENTS);

  it('finds numbers and text', () => {
    expect(columnType(rows, 'min_child_weight')).toBe('quantitative');
    expect(columnType(rows, 'objective')).toBe('nominal');
    expect(columnType(rows, 'missing')).toBe('nominal');
  });
});

describe('buildChartSpec', () => {
  const rows = summaryRows(TOUR_COMPONENTS);

  it('builds the tour scatter plot', () => {
    const spec = buildChartSpec(rows, TOUR_PROPERTIES);
    const encoding = encodingOf(spec);

    expect(spec.title).toEqual({ text: 'validation:error_last v/s min_child_weight', anchor: 'start' });
    expect(spec.mark).toEqual({ type: 'point', filled: true, size: 80 });
    expect((spec.data as { values: unknown[] }).values).toBe(rows);
    expect(encoding.x).toEqual({
      field: 'min_child_weight',
      type: 'quantitative',
      title: 'min_child_weight',
      scale: { zero: false, padding: 12 },
      axis: { tickCount: 6 }
    });
    expect(encoding.y).toEqual({
      field: 'validation:error_last',
      type: 'quantitative',
      title: 'validation:error_last',
      scale: { zero: false, padding: 12 }
    });
    expect(encoding.color.field).toBe('trialComponentName');
    expect(encoding.color.type).toBe('nominal');
    expect(spec.params).toEqual([{ name: 'zoom', select: 'interval', bind: 'scales' }]);
  });

  it('lists each tooltip field once', () => {
    const encoding = encodingOf(buildChartSpec(rows, TOUR_PROPERTIES));
    const fields = (encoding.tooltip as unknown as { field: string }[]).map(item => item.field);

    expect(fields).toEqual(['trialComponentName', 'min_child_weight', 'validation:error_last']);
  });

  it('leaves color out when none is chosen', () => {
    const encoding = encodingOf(buildChartSpec(rows, { ...TOUR_PROPERTIES, color: '' }));

    expect(encoding.color).toBeUndefined();
  });

  it('orders line points by x', () => {
    const spec = buildChartSpec(rows, { ...TOUR_PROPERTIES, chartType: 'line' });

    expect(spec.mark).toEqual({ type: 'line', point: true });
    expect(encodingOf(spec).order).toEqual({ field: 'min_child_weight' });
  });

  it('draws bars over nominal x', () => {
    const spec = buildChartSpec(rows, { ...TOUR_PROPERTIES, chartType: 'bar', x: 'trialComponentName' });

    expect(spec.mark).toEqual({ type: 'bar' });
    expect(encodingOf(spec).x.type).toBe('nominal');
    expect(encodingOf(spec).y.scale).toBeUndefined();
    expect(spec.params).toBeUndefined();
  });

  it('bins a histogram and counts', () => {
    const spec = buildChartSpec(rows, { ...TOUR_PROPERTIES, chartType: 'histogram', x: 'validation:error_last' });
    const encoding = encodingOf(spec);

    expect(spec.title).toEqual({ text: 'Histogram of validation:error_last', anchor: 'start' });
    expect(encoding.x.bin).toEqual({ maxbins: 20 });
    expect(encoding.y).toEqual({ aggregate: 'count', type: 'quantitative', title: 'count' });
  });

  it('escapes a dotted parameter field', () => {
    const encoding = encodingOf(buildChartSpec(rows, { ...TOUR_PROPERTIES, x: 'SageMaker.InstanceCount' }));

    expect(encoding.x.field).toBe('SageMaker\\.InstanceCount');
    expect(encoding.x.title).toBe('SageMaker.InstanceCount');
  });

  it('draws a time series as band and edges', () => {
    const spec = buildChartSpec([], {
      dataType: 'timeSeries',
      chartType: 'line',
      x: 'step',
      y: 'validation:error',
      color: 'trialComponentName'
    });
    const layers = spec.layer as { mark: { type: string }; encoding: Encoding }[];

    expect(spec.title).toEqual({ text: 'validation:error v/s step', anchor: 'start' });
    expect(encodingOf(spec).x).toEqual({ field: 'step', type: 'quantitative', title: 'step', axis: { tickCount: 6 } });
    expect(layers.map(layer => layer.mark.type)).toEqual(['area', 'line', 'line']);
    expect(layers[0].encoding.y.field).toBe('min');
    expect(layers[0].encoding.y2).toEqual({ field: 'max' });
    expect(layers[1].encoding.y.field).toBe('max');
    expect(layers[2].encoding.y.field).toBe('min');
    expect(layers[1].encoding.detail).toEqual({ field: 'trialComponentName', type: 'nominal' });
  });

  it('draws time-series points for scatter', () => {
    const spec = buildChartSpec([], {
      dataType: 'timeSeries',
      chartType: 'scatter',
      x: 'step',
      y: 'loss',
      color: ''
    });
    const layers = spec.layer as { mark: { type: string } }[];

    expect(layers.map(layer => layer.mark.type)).toEqual(['area', 'point', 'point']);
  });

  it('passes config, height and hidden title', () => {
    const spec = buildChartSpec(rows, TOUR_PROPERTIES, {
      config: { background: '#111111' },
      height: 160,
      showTitle: false
    });

    expect(spec.config).toEqual({ background: '#111111' });
    expect(spec.height).toBe(160);
    expect(spec.title).toBeUndefined();
  });
});

describe('themeConfig', () => {
  it('maps theme variables to Vega colours', () => {
    const variables: { [name: string]: string } = {
      '--jp-layout-color0': '#111111',
      '--jp-ui-font-color1': '#eeeeee',
      '--jp-ui-font-color2': '#bbbbbb',
      '--jp-border-color1': '#444444',
      '--jp-border-color2': '#333333',
      '--jp-ui-font-family': 'system-ui'
    };

    const config = themeConfig(name => variables[name] ?? '');

    expect(config.background).toBe('#111111');
    expect(config.font).toBe('system-ui');
    expect(config.title).toEqual({ color: '#eeeeee' });
    expect(config.axis).toEqual({
      labelColor: '#bbbbbb',
      titleColor: '#eeeeee',
      gridColor: '#333333',
      domainColor: '#444444',
      tickColor: '#444444'
    });
  });

  it('leaves unset variables to Vega', () => {
    const config = themeConfig(() => '');

    expect(config.background).toBeUndefined();
    expect(config.axis).toEqual({});
    expect(config.view).toEqual({ stroke: 'transparent' });
  });
});
