import { TranslationBundle } from '@jupyterlab/translation';
import { HTMLSelect } from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  ChartDataType,
  ChartType,
  COMPONENT_NAME_COLUMN,
  DISPLAY_NAME_COLUMN,
  IChartFields,
  IChartProperties
} from './chartFields';

/**
 * The properties of `ChartPropertiesPane`.
 */
export interface IChartPropertiesPaneProps {
  fields: IChartFields;
  properties: IChartProperties;
  trans: TranslationBundle;
  onChange: (change: Partial<IChartProperties>) => void;
}

/**
 * Returns the X, Y and Color choices that the fields offer for the given properties.
 */
export function axisChoices(
  fields: IChartFields,
  properties: IChartProperties
): { x: string[]; y: string[]; color: string[] } {
  const names = [COMPONENT_NAME_COLUMN, DISPLAY_NAME_COLUMN];
  const color = [COMPONENT_NAME_COLUMN, DISPLAY_NAME_COLUMN, ...fields.parameters];

  if (properties.dataType === 'timeSeries') {
    return { x: ['step'], y: fields.metrics, color };
  }
  if (properties.chartType === 'histogram') {
    return { x: [...fields.metricLabels, ...fields.numericParameters], y: [], color };
  }
  const x = [...fields.parameters, ...fields.metricLabels];
  return {
    x: properties.chartType === 'bar' ? [...names, ...x] : x,
    y: [...fields.metricLabels, ...fields.numericParameters],
    color
  };
}

/**
 * Renders the CHART PROPERTIES pane: data type, chart type, X, Y and Color.
 */
export function ChartPropertiesPane(props: IChartPropertiesPaneProps): JSX.Element {
  const { fields, properties, trans, onChange } = props;
  const choices = axisChoices(fields, properties);
  const isTimeSeries = properties.dataType === 'timeSeries';

  const dataTypes: { value: ChartDataType; label: string }[] = [
    { value: 'summary', label: trans.__('Summary statistics') },
    { value: 'timeSeries', label: trans.__('Time series') }
  ];
  const chartTypes: { value: ChartType; label: string }[] = [
    { value: 'scatter', label: trans.__('Scatter') },
    { value: 'line', label: trans.__('Line') },
    ...(isTimeSeries
      ? []
      : [
          { value: 'bar' as ChartType, label: trans.__('Bar') },
          { value: 'histogram' as ChartType, label: trans.__('Histogram') }
        ])
  ];

  const field = (
    id: string,
    label: string,
    value: string,
    options: { value: string; label: string }[],
    change: (value: string) => void,
    disabled = false
  ): JSX.Element => (
    <div className="jp-ChurnStudio-chartProperty">
      <label htmlFor={id}>{label}</label>
      <HTMLSelect
        id={id}
        value={value}
        disabled={disabled}
        options={options}
        onChange={event => change(event.currentTarget.value)}
      />
    </div>
  );
  const plain = (values: string[]): { value: string; label: string }[] =>
    values.map(value => ({ value, label: value }));

  return (
    <form className="jp-ChurnStudio-chartProperties" aria-label={trans.__('Chart properties')}>
      <h3 className="jp-ChurnStudio-chartPropertiesTitle">{trans.__('CHART PROPERTIES')}</h3>
      {field('churn-chart-data-type', trans.__('Data type'), properties.dataType, dataTypes, value =>
        onChange({ dataType: value as ChartDataType })
      )}
      {field('churn-chart-type', trans.__('Chart type'), properties.chartType, chartTypes, value =>
        onChange({ chartType: value as ChartType })
      )}
      {field(
        'churn-chart-x',
        trans.__('X-axis'),
        properties.x,
        plain(choices.x),
        value => onChange({ x: value }),
        isTimeSeries
      )}
      {properties.chartType !== 'histogram' &&
        field(
          'churn-chart-y',
          isTimeSeries ? trans.__('Metric') : trans.__('Y-axis'),
          properties.y,
          plain(choices.y),
          value => onChange({ y: value })
        )}
      {field(
        'churn-chart-color',
        trans.__('Color'),
        properties.color,
        [{ value: '', label: trans.__('None') }, ...plain(choices.color)],
        value => onChange({ color: value })
      )}
    </form>
  );
}
