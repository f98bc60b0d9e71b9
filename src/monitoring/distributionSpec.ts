import { VegaLiteSpec } from '../chart/chartSpec';
import { IFeatureComparison, IFeatureStatistics } from './monitoringApi';

/**
 * The side of the comparison that a distribution row belongs to.
 */
export type DistributionSide = 'baseline' | 'current';

/**
 * One bucket of a numeric feature's histogram. `share` is the bucket's count divided by the
 * side's total, so a baseline of 2333 rows and a window of 120 rows draw on the same scale.
 */
export interface INumericDistributionRow {
  side: string;
  lower: number;
  upper: number;
  count: number;
  share: number;
}

/**
 * One category of a string feature with its count and share on one side.
 */
export interface ICategoricalDistributionRow {
  side: string;
  value: string;
  count: number;
  share: number;
}

/**
 * The rows of a feature's baseline and current distributions, or `none` when neither side's
 * statistics contain a distribution.
 */
export type DistributionRows =
  | { kind: 'numeric'; rows: INumericDistributionRow[] }
  | { kind: 'categorical'; rows: ICategoricalDistributionRow[]; otherValues: number }
  | { kind: 'none' };

/**
 * The side labels drawn in the charts; translated by the caller.
 */
export interface ISideLabels {
  baseline: string;
  current: string;
  other: string;
}

/**
 * The number of categories drawn before the rest are summed into one "other" bar. A state
 * column has 51 values, and more bars than this do not fit beside each other in a panel.
 */
export const MAX_CATEGORIES = 20;

/**
 * Builds the histogram rows of both sides of a feature from `statistics.json`.
 *
 * A numeric side uses `distribution.kll.buckets`, and a string side uses
 * `distribution.categorical.buckets`. When the two sides disagree, e.g. the baseline column is
 * Integral and the window's values are strings, the baseline's kind wins and the other side
 * draws no bars.
 */
export function distributionRows(feature: IFeatureComparison, labels: ISideLabels): DistributionRows {
  const sides: [string, IFeatureStatistics | null][] = [
    [labels.baseline, feature.baseline],
    [labels.current, feature.current]
  ];
  const kind = Private.distributionKind(feature.baseline) ?? Private.distributionKind(feature.current);

  if (kind === 'numeric') {
    const rows = sides.flatMap(([side, statistics]) => Private.numericRows(side, statistics));
    return { kind, rows };
  }
  if (kind === 'categorical') {
    return Private.categoricalRows(sides, labels.other);
  }
  return { kind: 'none' };
}

/**
 * The options of `buildDistributionSpec`.
 */
export interface IDistributionSpecOptions {
  /**
   * The Vega config, e.g. the theme's colours from `themeConfig`.
   */
  config?: { [key: string]: unknown };
  /**
   * The width in pixels of each side's panel of a numeric feature.
   */
  panelWidth?: number;
  height?: number;
  shareTitle?: string;
}

/**
 * Builds the Vega-Lite spec that draws a feature's baseline and current distributions side by
 * side, or returns null when there is nothing to draw.
 *
 * A numeric feature gets one panel per side with a shared x scale, so a shifted range shows as
 * bars that move. A string feature gets grouped bars, baseline beside current for each value.
 */
export function buildDistributionSpec(
  featureName: string,
  distribution: DistributionRows,
  labels: ISideLabels,
  options: IDistributionSpecOptions = {}
): VegaLiteSpec | null {
  if (distribution.kind === 'none' || distribution.rows.length === 0) {
    return null;
  }
  const sideOrder = [labels.baseline, labels.current];
  const shareTitle = options.shareTitle ?? 'share of rows';
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: distribution.rows },
    ...(options.config ? { config: Private.withHeaderColor(options.config) } : {})
  };
  const share = {
    field: 'share',
    type: 'quantitative',
    title: shareTitle,
    axis: { format: '.0%' }
  };
  const color = {
    field: 'side',
    type: 'nominal',
    sort: sideOrder,
    scale: { domain: sideOrder },
    title: null
  };

  if (distribution.kind === 'numeric') {
    // Both panels draw on one explicit domain over both sides' buckets, so the same value sits
    // at the same x position in the baseline and the current panel.
    const lowest = Math.min(...distribution.rows.map(row => row.lower));
    const highest = Math.max(...distribution.rows.map(row => row.upper));
    return {
      ...base,
      width: options.panelWidth ?? 240,
      height: options.height ?? 140,
      mark: { type: 'bar', tooltip: true },
      encoding: {
        column: { field: 'side', type: 'nominal', sort: sideOrder, title: null },
        x: {
          field: 'lower',
          type: 'quantitative',
          title: featureName,
          scale: { domain: [lowest, highest], zero: false, nice: false }
        },
        x2: { field: 'upper' },
        y: share,
        // With both x ends given, Vega-Lite draws a range and not a bar from zero, so y2 sets it.
        y2: { datum: 0 },
        color: { ...color, legend: null },
        tooltip: [
          { field: 'side', type: 'nominal', title: 'side' },
          { field: 'lower', type: 'quantitative', title: 'from', format: '.4~g' },
          { field: 'upper', type: 'quantitative', title: 'to', format: '.4~g' },
          { field: 'count', type: 'quantitative', title: 'count' },
          { field: 'share', type: 'quantitative', title: shareTitle, format: '.1%' }
        ]
      },
      resolve: { scale: { x: 'shared', y: 'shared' } }
    };
  }

  return {
    ...base,
    width: 'container',
    height: options.height ?? 140,
    autosize: { type: 'fit', contains: 'padding' },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'value', type: 'nominal', title: featureName, axis: { labelLimit: 120 } },
      xOffset: { field: 'side', type: 'nominal', sort: sideOrder },
      y: share,
      color: { ...color, legend: { orient: 'bottom' } },
      tooltip: [
        { field: 'side', type: 'nominal', title: 'side' },
        { field: 'value', type: 'nominal', title: featureName },
        { field: 'count', type: 'quantitative', title: 'count' },
        { field: 'share', type: 'quantitative', title: shareTitle, format: '.1%' }
      ]
    }
  };
}

/**
 * One row of a feature's summary table: a statistic with its baseline and current values.
 */
export interface IStatisticRow {
  statistic: 'present' | 'missing' | 'mean' | 'stdDev' | 'min' | 'max' | 'distinct';
  baseline: number | null;
  current: number | null;
}

/**
 * Returns the summary statistics of both sides of a feature, numeric or string.
 */
export function statisticRows(feature: IFeatureComparison): IStatisticRow[] {
  const read = (statistics: IFeatureStatistics | null) => {
    const numeric = statistics?.numerical_statistics;
    const text = statistics?.string_statistics;
    const common = numeric?.common ?? text?.common;
    return {
      present: common?.num_present ?? null,
      missing: common?.num_missing ?? null,
      mean: numeric?.mean ?? null,
      stdDev: numeric?.std_dev ?? null,
      min: numeric?.min ?? null,
      max: numeric?.max ?? null,
      distinct: text?.distinct_count ?? null
    };
  };
  const baseline = read(feature.baseline);
  const current = read(feature.current);
  const names: IStatisticRow['statistic'][] = ['present', 'missing', 'mean', 'stdDev', 'min', 'max', 'distinct'];
  return names
    .map(statistic => ({ statistic, baseline: baseline[statistic], current: current[statistic] }))
    .filter(row => row.baseline !== null || row.current !== null);
}

namespace Private {
  /**
   * Colours the facet headers ("Baseline", "Current") like the title. The chart theme sets no
   * header colour, and Vega's default dark grey is unreadable on a dark theme.
   */
  export function withHeaderColor(config: { [key: string]: unknown }): { [key: string]: unknown } {
    const title = config.title as { color?: string } | undefined;
    if (!title?.color) {
      return config;
    }
    return { ...config, header: { labelColor: title.color, titleColor: title.color } };
  }

  export function distributionKind(statistics: IFeatureStatistics | null): 'numeric' | 'categorical' | null {
    if (statistics?.numerical_statistics?.distribution?.kll?.buckets) {
      return 'numeric';
    }
    if (statistics?.string_statistics?.distribution?.categorical?.buckets) {
      return 'categorical';
    }
    return null;
  }

  export function numericRows(side: string, statistics: IFeatureStatistics | null): INumericDistributionRow[] {
    const buckets = statistics?.numerical_statistics?.distribution?.kll?.buckets ?? [];
    const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
    return buckets.map(bucket => ({
      side,
      lower: bucket.lower_bound,
      upper: bucket.upper_bound,
      count: bucket.count,
      share: total > 0 ? bucket.count / total : 0
    }));
  }

  /**
   * Keeps the `MAX_CATEGORIES` values with the highest combined count and sums the rest per side
   * into one `other` row. `otherValues` is the number of values summed that way.
   */
  export function categoricalRows(
    sides: [string, IFeatureStatistics | null][],
    otherLabel: string
  ): DistributionRows {
    const countsBySide = sides.map(([side, statistics]) => {
      const counts = new Map<string, number>();
      for (const bucket of statistics?.string_statistics?.distribution?.categorical?.buckets ?? []) {
        counts.set(String(bucket.value), (counts.get(String(bucket.value)) ?? 0) + bucket.count);
      }
      return { side, counts };
    });

    const combined = new Map<string, number>();
    for (const { counts } of countsBySide) {
      counts.forEach((count, value) => combined.set(value, (combined.get(value) ?? 0) + count));
    }
    const ranked = [...combined.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value]) => value);
    const topValues = new Set(ranked.slice(0, MAX_CATEGORIES));
    const otherValues = ranked.length - topValues.size;

    const rows: ICategoricalDistributionRow[] = [];
    for (const { side, counts } of countsBySide) {
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      if (total === 0) {
        continue;
      }
      let other = 0;
      for (const value of ranked) {
        const count = counts.get(value) ?? 0;
        if (topValues.has(value)) {
          rows.push({ side, value, count, share: count / total });
        } else {
          other += count;
        }
      }
      if (otherValues > 0) {
        rows.push({ side, value: otherLabel, count: other, share: other / total });
      }
    }
    return { kind: 'categorical', rows, otherValues };
  }
}
