import {
  chartFields,
  defaultProperties,
  metricLabel,
  numericOrText,
  summaryRows
} from '../chart/chartFields';
import { nullTranslator } from '@jupyterlab/translation';

import { seriesPointsNote, seriesRows } from '../chart/seriesRows';
import { component, metricSeries, summary, TOUR_COMPONENTS } from './chartFixtures';

describe('metricLabel', () => {
  it('joins metric and statistic in lower case', () => {
    expect(metricLabel('validation:error', 'last')).toBe('validation:error_last');
    expect(metricLabel('Loss', 'stdDev')).toBe('loss_stddev');
  });
});

describe('numericOrText', () => {
  it.each([
    ['6', 6],
    ['0.2', 0.2],
    [4, 4],
    ['binary:logistic', 'binary:logistic'],
    ['', ''],
    [null, null]
  ])('turns %p into %p', (value, expected) => {
    expect(numericOrText(value)).toBe(expected);
  });
});

describe('chartFields', () => {
  it('collects parameters and metric labels', () => {
    const fields = chartFields(TOUR_COMPONENTS);

    expect(fields.parameters).toEqual(['SageMaker.InstanceCount', 'min_child_weight', 'objective']);
    expect(fields.metrics).toEqual(['train:error', 'validation:error']);
    expect(fields.metricLabels.slice(0, 6)).toEqual([
      'train:error_last',
      'train:error_min',
      'train:error_max',
      'train:error_avg',
      'train:error_stddev',
      'train:error_count'
    ]);
    expect(fields.metricLabels).toHaveLength(12);
  });

  it('treats number strings as numeric parameters', () => {
    const fields = chartFields(TOUR_COMPONENTS);

    expect(fields.numericParameters).toEqual(['SageMaker.InstanceCount', 'min_child_weight']);
  });

  it('finds parameters that differ', () => {
    const fields = chartFields([
      component('a', { parameters: { eta: '0.2', min_child_weight: '2', objective: 'x' } }),
      component('b', { parameters: { eta: '0.2', min_child_weight: '10', objective: 'x', gamma: 4 } })
    ]);

    expect(fields.varyingParameters).toEqual(['gamma', 'min_child_weight']);
  });

  it('drops a parameter that is text on one component', () => {
    const mixed = [
      component('a', { parameters: { eta: '0.2' } }),
      component('b', { parameters: { eta: 'auto' } })
    ];

    expect(chartFields(mixed).numericParameters).toEqual([]);
  });
});

describe('summaryRows', () => {
  it('flattens parameters and statistics per component', () => {
    const rows = summaryRows(TOUR_COMPONENTS);

    expect(rows).toHaveLength(3);
    expect(rows[0].trialComponentName).toBe('churn-mcw-2-aws-training-job');
    expect(rows[0].displayName).toBe('Training');
    expect(rows[0].min_child_weight).toBe(2);
    expect(rows[0].objective).toBe('binary:logistic');
    expect(rows[0]['validation:error_last']).toBe(0.074);
    expect(rows[2]['validation:error_last']).toBe(0.063);
    expect(rows[1]['train:error_count']).toBe(20);
  });
});

describe('defaultProperties', () => {
  it('picks the tour chart', () => {
    expect(defaultProperties(chartFields(TOUR_COMPONENTS))).toEqual({
      dataType: 'summary',
      chartType: 'scatter',
      x: 'min_child_weight',
      y: 'validation:error_last',
      color: 'trialComponentName'
    });
  });

  it('prefers the parameter that differs on X', () => {
    const fields = chartFields([
      component('a', { parameters: { eta: 0.2, min_child_weight: 2 }, metrics: { 'validation:error': summary(0.07) } }),
      component('b', { parameters: { eta: 0.2, min_child_weight: 10 }, metrics: { 'validation:error': summary(0.06) } })
    ]);

    expect(defaultProperties(fields).x).toBe('min_child_weight');
  });

  it('falls back to a metric on X without parameters', () => {
    const bare = [component('a', { metrics: { loss: summary(0.5) } })];

    const properties = defaultProperties(chartFields(bare));

    expect(properties.y).toBe('loss_last');
    expect(properties.x).toBe('loss_min');
  });
});

describe('seriesRows', () => {
  it('makes one row per bucket and skips NaN buckets', () => {
    const rows = seriesRows(
      [metricSeries('job-a', 'validation:error', { min: [0.3, null, 0.1], max: [0.3, null, 0.1] })],
      { 'job-a': 'Training' }
    );

    expect(rows).toEqual([
      { trialComponentName: 'job-a', displayName: 'Training', metric: 'validation:error', step: 0, min: 0.3, max: 0.3 },
      { trialComponentName: 'job-a', displayName: 'Training', metric: 'validation:error', step: 2, min: 0.1, max: 0.1 }
    ]);
  });
});

describe('seriesPointsNote', () => {
  const trans = nullTranslator.load('churn_studio_ext');
  const series = (totalPoints: number, buckets: number) => ({
    trialComponentName: 'job-a',
    metricName: 'train:error',
    xAxis: 'step' as const,
    totalPoints,
    downsampled: buckets < totalPoints,
    truncated: false,
    x: Array.from({ length: buckets }, (_, index) => index),
    min: Array.from({ length: buckets }, () => 0.1),
    max: Array.from({ length: buckets }, () => 0.2)
  });

  it('counts points drawn whole', () => {
    expect(seriesPointsNote(series(600, 600), trans)).toBe('(600 points)');
  });

  it('names the buckets of a downsampled series', () => {
    expect(seriesPointsNote(series(5000, 1000), trans)).toBe('(5000 points, min and max of 1000 buckets)');
  });

  it('uses the singular for one point', () => {
    expect(seriesPointsNote(series(1, 1), trans)).toBe('(1 point)');
  });
});
