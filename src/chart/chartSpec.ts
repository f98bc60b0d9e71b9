import { ChartRow, COMPONENT_NAME_COLUMN, IChartProperties } from './chartFields';

/**
 * The columns of a time-series row: one bucket of one component's metric.
 */
export const SERIES_COLUMNS = {
  step: 'step',
  min: 'min',
  max: 'max',
  metric: 'metric'
} as const;

/**
 * A Vega-Lite specification as plain JSON.
 */
export type VegaLiteSpec = { [key: string]: unknown };

/**
 * The options of `buildChartSpec` that are not chart properties.
 */
export interface IChartSpecOptions {
  /**
   * The Vega config, e.g. the theme's colours from `themeConfig`.
   */
  config?: { [key: string]: unknown };
  /**
   * The chart height in pixels. The width follows the container.
   */
  height?: number;
  /**
   * Whether the title is drawn. Small charts leave it to their caption.
   */
  showTitle?: boolean;
}

/**
 * Returns the chart title: `<y> v/s <x>` as Studio writes it, or `Histogram of <x>`.
 */
export function chartTitle(properties: IChartProperties): string {
  if (properties.dataType === 'summary' && properties.chartType === 'histogram') {
    return `Histogram of ${properties.x}`;
  }
  if (properties.dataType === 'timeSeries') {
    return `${properties.y} v/s step`;
  }
  return `${properties.y} v/s ${properties.x}`;
}

/**
 * Escapes a column name for a Vega-Lite `field`, where `.` and brackets mean nested access.
 */
export function fieldRef(column: string): string {
  return column.replace(/([.[\]\\])/g, '\\$1');
}

/**
 * Returns `quantitative` when every non-null value of the column is a number, else `nominal`.
 */
export function columnType(rows: ChartRow[], column: string): 'quantitative' | 'nominal' {
  const values = rows.map(row => row[column]).filter(value => value !== null && value !== undefined);
  if (values.length > 0 && values.every(value => typeof value === 'number')) {
    return 'quantitative';
  }
  return 'nominal';
}

/**
 * Builds the Vega-Lite spec of a chart from its rows and properties.
 *
 * Summary rows come from `summaryRows`. Time-series rows have the columns of `SERIES_COLUMNS`
 * plus the component name columns. Each bucket's minimum and maximum are drawn as a band with a
 * line on each edge, so a spike that downsampling keeps stays visible.
 */
export function buildChartSpec(
  rows: ChartRow[],
  properties: IChartProperties,
  options: IChartSpecOptions = {}
): VegaLiteSpec {
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: rows },
    width: 'container' as const,
    height: options.height ?? 320,
    autosize: { type: 'fit' as const, contains: 'padding' as const },
    ...(options.showTitle === false ? {} : { title: { text: chartTitle(properties), anchor: 'start' } }),
    ...(options.config ? { config: options.config } : {})
  };

  if (properties.dataType === 'timeSeries') {
    return { ...base, ...Private.timeSeriesLayers(properties) };
  }
  return { ...base, ...Private.summaryView(rows, properties) };
}

namespace Private {
  type Encoding = { [channel: string]: unknown };

  /**
   * Returns the color encoding, or none when no color column is chosen.
   */
  function colorEncoding(properties: IChartProperties): Encoding {
    if (!properties.color) {
      return {};
    }
    return {
      color: {
        field: fieldRef(properties.color),
        type: 'nominal',
        title: properties.color,
        // Below the plot, the legend leaves the full width to the data in a narrow panel.
        legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 }
      }
    };
  }

  /**
   * Returns the tooltip fields: the component name, then x, y and color without repeats.
   */
  function tooltip(rows: ChartRow[], columns: string[]): Encoding[] {
    const unique = [...new Set([COMPONENT_NAME_COLUMN, ...columns.filter(Boolean)])];
    return unique.map(column => ({
      field: fieldRef(column),
      type: columnType(rows, column),
      title: column
    }));
  }

  /**
   * A selection that zooms and pans the scales with the mouse wheel and drag.
   */
  const ZOOM_PARAMETER = { name: 'zoom', select: 'interval', bind: 'scales' };

  /**
   * A continuous scale over the data's range, padded so that marks at the ends are not clipped.
   * Metric values such as 0.063 to 0.074 would sit in a thin band on a scale from zero.
   */
  const SPREAD_SCALE = { zero: false, padding: 12 };

  /**
   * The axis of a continuous x scale. Vega-Lite's default of one tick per 40 pixels crowds a wide
   * panel with about 25 labels, and `tickCount` is a target that Vega rounds to nice steps.
   */
  export const CONTINUOUS_X_AXIS = { tickCount: 6 };

  export function summaryView(rows: ChartRow[], properties: IChartProperties): object {
    const { x, y, chartType } = properties;
    const color = colorEncoding(properties);

    if (chartType === 'histogram') {
      return {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: fieldRef(x), type: 'quantitative', bin: { maxbins: 20 }, title: x },
          y: { aggregate: 'count', type: 'quantitative', title: 'count' },
          ...color
        }
      };
    }

    const xType = chartType === 'bar' ? 'nominal' : columnType(rows, x);
    const yType = columnType(rows, y);
    const xEncoding = {
      field: fieldRef(x),
      type: xType,
      title: x,
      ...(xType === 'quantitative' ? { scale: SPREAD_SCALE, axis: CONTINUOUS_X_AXIS } : {}),
      ...(chartType === 'bar' ? { axis: { labelLimit: 160 } } : {})
    };
    const yEncoding = {
      field: fieldRef(y),
      type: yType,
      title: y,
      // Bars start at zero so that their lengths compare, while points and lines use the data's range.
      ...(yType === 'quantitative' && chartType !== 'bar' ? { scale: SPREAD_SCALE } : {})
    };
    const encoding = {
      x: xEncoding,
      y: yEncoding,
      ...color,
      tooltip: tooltip(rows, [x, y, properties.color])
    };

    if (chartType === 'bar') {
      return { mark: { type: 'bar' }, encoding };
    }
    if (chartType === 'line') {
      return {
        mark: { type: 'line', point: true },
        encoding: { ...encoding, order: { field: fieldRef(x) } },
        params: [ZOOM_PARAMETER]
      };
    }
    return {
      mark: { type: 'point', filled: true, size: 80 },
      encoding,
      params: [ZOOM_PARAMETER]
    };
  }

  export function timeSeriesLayers(properties: IChartProperties): object {
    const color = colorEncoding(properties);
    const x = { field: SERIES_COLUMNS.step, type: 'quantitative', title: 'step', axis: CONTINUOUS_X_AXIS };
    // Without a color column, `detail` still keeps one line per trial component.
    const detail = { detail: { field: COMPONENT_NAME_COLUMN, type: 'nominal' } };
    const seriesTooltip = [
      { field: COMPONENT_NAME_COLUMN, type: 'nominal', title: COMPONENT_NAME_COLUMN },
      { field: SERIES_COLUMNS.step, type: 'quantitative', title: 'step' },
      { field: SERIES_COLUMNS.min, type: 'quantitative', title: 'min' },
      { field: SERIES_COLUMNS.max, type: 'quantitative', title: 'max' }
    ];
    const edgeMark = properties.chartType === 'scatter' ? { type: 'point', filled: true } : { type: 'line' };

    return {
      encoding: { x },
      layer: [
        {
          mark: { type: 'area', opacity: 0.25 },
          encoding: {
            y: { field: SERIES_COLUMNS.min, type: 'quantitative', title: properties.y },
            y2: { field: SERIES_COLUMNS.max },
            ...color,
            ...detail
          }
        },
        {
          mark: edgeMark,
          encoding: {
            y: { field: SERIES_COLUMNS.max, type: 'quantitative', title: properties.y },
            ...color,
            ...detail,
            tooltip: seriesTooltip
          },
          params: [ZOOM_PARAMETER]
        },
        {
          mark: edgeMark,
          encoding: {
            y: { field: SERIES_COLUMNS.min, type: 'quantitative', title: properties.y },
            ...color,
            ...detail,
            tooltip: seriesTooltip
          }
        }
      ]
    };
  }
}
