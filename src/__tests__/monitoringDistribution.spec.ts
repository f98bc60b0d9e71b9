import {
  buildDistributionSpec,
  DistributionRows,
  distributionRows,
  INumericDistributionRow,
  ISideLabels,
  MAX_CATEGORIES,
  statisticRows
} from '../monitoring/distributionSpec';
import { numericFeature, stringFeature } from './monitoringFixtures';

const LABELS: ISideLabels = { baseline: 'Baseline', current: 'Current', other: '(other values)' };

/**
 * Asserts that `rows` are numeric and returns them, or an empty list after a failed assert.
 */
function expectNumericRows(rows: DistributionRows): INumericDistributionRow[] {
  expect(rows.kind).toBe('numeric');
  return rows.kind === 'numeric' ? rows.rows : [];
}

describe('distributionRows', () => {
  it('turns KLL buckets into shares per side', () => {
    const rows = distributionRows(
      {
        name: 'Day Mins',
        inferredType: 'Fractional',
        baseline: numericFeature('Day Mins', [[0, 175, 30], [175, 350, 10]]),
        current: numericFeature('Day Mins', [[350, 700, 4], [700, 1050, 16]])
      },
      LABELS
    );

    expect(rows).toEqual({
      kind: 'numeric',
      rows: [
        { side: 'Baseline', lower: 0, upper: 175, count: 30, share: 0.75 },
        { side: 'Baseline', lower: 175, upper: 350, count: 10, share: 0.25 },
        { side: 'Current', lower: 350, upper: 700, count: 4, share: 0.2 },
        { side: 'Current', lower: 700, upper: 1050, count: 16, share: 0.8 }
      ]
    });
  });

  it('draws only the baseline when the current side is missing', () => {
    const rows = distributionRows(
      { name: 'Churn', inferredType: 'Integral', baseline: numericFeature('Churn', [[0, 1, 5]]), current: null },
      LABELS
    );

    expect(expectNumericRows(rows).map(row => row.side)).toEqual(['Baseline']);
  });

  it('gives zero shares for an empty window', () => {
    const rows = distributionRows(
      {
        name: 'Day Mins',
        inferredType: 'Fractional',
        baseline: numericFeature('Day Mins', [[0, 1, 2]]),
        current: numericFeature('Day Mins', [[0, 1, 0]])
      },
      LABELS
    );

    expect(expectNumericRows(rows)[1]).toEqual({ side: 'Current', lower: 0, upper: 1, count: 0, share: 0 });
  });

  // Values are ordered by combined count, ties by name, so KS (3) and OH (3) precede NY (2).
  it('counts categories per side', () => {
    const rows = distributionRows(
      {
        name: 'State',
        inferredType: 'String',
        baseline: stringFeature('State', { KS: 3, OH: 1 }),
        current: stringFeature('State', { OH: 2, NY: 2 })
      },
      LABELS
    );

    expect(rows).toEqual({
      kind: 'categorical',
      otherValues: 0,
      rows: [
        { side: 'Baseline', value: 'KS', count: 3, share: 0.75 },
        { side: 'Baseline', value: 'OH', count: 1, share: 0.25 },
        { side: 'Baseline', value: 'NY', count: 0, share: 0 },
        { side: 'Current', value: 'KS', count: 0, share: 0 },
        { side: 'Current', value: 'OH', count: 2, share: 0.5 },
        { side: 'Current', value: 'NY', count: 2, share: 0.5 }
      ]
    });
  });

  it('sums rare categories into other values', () => {
    const counts: { [value: string]: number } = {};
    for (let index = 0; index < MAX_CATEGORIES + 5; index++) {
      counts[`v${String(index).padStart(2, '0')}`] = 100 - index;
    }
    const rows = distributionRows(
      { name: 'State', inferredType: 'String', baseline: stringFeature('State', counts), current: null },
      LABELS
    );

    expect(rows.kind).toBe('categorical');
    if (rows.kind !== 'categorical') {
      return;
    }
    expect(rows.otherValues).toBe(5);
    expect(rows.rows).toHaveLength(MAX_CATEGORIES + 1);
    const other = rows.rows[rows.rows.length - 1];
    expect(other.value).toBe('(other values)');
    // The five rarest values are 80, 79, 78, 77 and 76.
    expect(other.count).toBe(390);
  });

  it('keeps the baseline kind when the sides disagree', () => {
    const rows = distributionRows(
      {
        name: 'Churn',
        inferredType: 'Integral',
        baseline: numericFeature('Churn', [[0, 1, 4]]),
        current: stringFeature('Churn', { 'True.': 4 })
      },
      LABELS
    );

    expect(expectNumericRows(rows).map(row => row.side)).toEqual(['Baseline']);
  });

  it('has nothing to draw without distributions', () => {
    const rows = distributionRows(
      { name: 'x', inferredType: 'Unknown', baseline: { name: 'x', inferred_type: 'Unknown' }, current: null },
      LABELS
    );

    expect(rows).toEqual({ kind: 'none' });
    expect(buildDistributionSpec('x', rows, LABELS)).toBeNull();
  });
});

describe('buildDistributionSpec', () => {
  const numeric = distributionRows(
    {
      name: 'Day.Mins',
      inferredType: 'Fractional',
      baseline: numericFeature('Day.Mins', [[0, 175, 30]]),
      current: numericFeature('Day.Mins', [[350, 700, 4]])
    },
    LABELS
  );

  it('draws numeric sides in panels with shared scales', () => {
    const spec = buildDistributionSpec('Day.Mins', numeric, LABELS, { panelWidth: 200, shareTitle: 'share' }) as {
      [key: string]: any;
    };

    expect(spec.data.values).toHaveLength(2);
    expect(spec.width).toBe(200);
    expect(spec.mark.type).toBe('bar');
    expect(spec.encoding.column).toEqual({ field: 'side', type: 'nominal', sort: ['Baseline', 'Current'], title: null });
    expect(spec.encoding.x.field).toBe('lower');
    expect(spec.encoding.x.title).toBe('Day.Mins');
    expect(spec.encoding.x2).toEqual({ field: 'upper' });
    expect(spec.encoding.y.field).toBe('share');
    expect(spec.encoding.y.title).toBe('share');
    expect(spec.encoding.y2).toEqual({ datum: 0 });
    expect(spec.resolve).toEqual({ scale: { x: 'shared', y: 'shared' } });
  });

  it('spans both sides on one x domain', () => {
    const spec = buildDistributionSpec('Day.Mins', numeric, LABELS) as { [key: string]: any };

    // The baseline covers 0 to 175 and the current window 350 to 700.
    expect(spec.encoding.x.scale.domain).toEqual([0, 700]);
  });

  it('groups categories baseline beside current', () => {
    const categorical = distributionRows(
      {
        name: 'State',
        inferredType: 'String',
        baseline: stringFeature('State', { KS: 3 }),
        current: stringFeature('State', { KS: 1 })
      },
      LABELS
    );

    const spec = buildDistributionSpec('State', categorical, LABELS) as { [key: string]: any };

    expect(spec.width).toBe('container');
    expect(spec.encoding.x.field).toBe('value');
    expect(spec.encoding.xOffset).toEqual({ field: 'side', type: 'nominal', sort: ['Baseline', 'Current'] });
    expect(spec.encoding.color.scale).toEqual({ domain: ['Baseline', 'Current'] });
    expect(spec.encoding.column).toBeUndefined();
  });

  it('carries the theme config', () => {
    const config = { background: '#111111' };

    const spec = buildDistributionSpec('Day.Mins', numeric, LABELS, { config }) as { [key: string]: any };

    expect(spec.config).toEqual({ background: '#111111' });
  });

  it('colours facet headers like the title', () => {
    const config = { background: '#111111', title: { color: '#eeeeee' } };

    const spec = buildDistributionSpec('Day.Mins', numeric, LABELS, { config }) as { [key: string]: any };

    expect(spec.config.header).toEqual({ labelColor: '#eeeeee', titleColor: '#eeeeee' });
    expect(spec.config.title).toEqual({ color: '#eeeeee' });
  });
});

describe('statisticRows', () => {
  it('pairs baseline and current values', () => {
    const rows = statisticRows({
      name: 'Day Mins',
      inferredType: 'Fractional',
      baseline: numericFeature('Day Mins', [[0, 175, 30], [175, 350, 10]]),
      current: null
    });

    expect(rows).toEqual([
      { statistic: 'present', baseline: 40, current: null },
      { statistic: 'missing', baseline: 0, current: null },
      { statistic: 'mean', baseline: 1.5, current: null },
      { statistic: 'stdDev', baseline: 0.5, current: null },
      { statistic: 'min', baseline: 0, current: null },
      { statistic: 'max', baseline: 350, current: null }
    ]);
  });

  it('reads the distinct count of a string feature', () => {
    const rows = statisticRows({
      name: 'State',
      inferredType: 'String',
      baseline: stringFeature('State', { KS: 3, OH: 1 }),
      current: stringFeature('State', { OH: 2 })
    });

    expect(rows.find(row => row.statistic === 'distinct')).toEqual({ statistic: 'distinct', baseline: 2, current: 1 });
    expect(rows.find(row => row.statistic === 'mean')).toBeUndefined();
  });
});
