import { ISearchFilter } from '../api';
import { METRIC_STATISTICS } from './columns';

/**
 * The Search operators the filter builder offers.
 */
export const FILTER_OPERATORS = [
  'Equals',
  'NotEquals',
  'GreaterThan',
  'GreaterThanOrEqualTo',
  'LessThan',
  'LessThanOrEqualTo',
  'Contains',
  'Exists',
  'NotExists'
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/**
 * Operators that compare numbers, so their value must be a number.
 */
const ORDERED_OPERATORS: FilterOperator[] = [
  'GreaterThan',
  'GreaterThanOrEqualTo',
  'LessThan',
  'LessThanOrEqualTo'
];

const OPERATORS_WITHOUT_VALUE: FilterOperator[] = ['Exists', 'NotExists'];

/**
 * At most this many Search filters, including the scope's conditions (SageMaker's limit).
 */
export const MAX_FILTERS = 20;

/**
 * One condition of the filter builder: a Search property such as `Parameters.min_child_weight`
 * or `Metrics.validation:error.Last`, an operator and a value.
 */
export interface IFilterCondition {
  property: string;
  operator: FilterOperator;
  value: string;
}

/**
 * A property the filter builder offers, with its column-style label.
 */
export interface IFilterProperty {
  property: string;
  label: string;
  numeric: boolean;
}

/**
 * Lists the filterable properties: every parameter, then every statistic of every metric.
 */
export function filterProperties(parameterNames: string[], metricNames: string[]): IFilterProperty[] {
  const parameters = [...parameterNames].sort().map(name => ({
    property: `Parameters.${name}`,
    label: name,
    numeric: false
  }));
  const metrics = [...metricNames].sort().flatMap(metric =>
    METRIC_STATISTICS.map(statistic => ({
      property: `Metrics.${metric}.${statistic.search}`,
      label: `${metric}_${statistic.suffix}`,
      numeric: true
    }))
  );
  return [...parameters, ...metrics];
}

/**
 * The reason a filter condition or a set of filters is invalid. The widget translates it.
 */
export type FilterProblem =
  | { kind: 'missingProperty' }
  | { kind: 'unknownOperator'; operator: string }
  | { kind: 'missingValue'; operator: string }
  | { kind: 'notANumber'; operator: string; property: string; value: string }
  | { kind: 'tooMany'; count: number; max: number };

/**
 * An invalid filter. `message` is English, and `problem` carries the values for a translated
 * message.
 */
export class FilterError extends Error {
  constructor(readonly problem: FilterProblem) {
    super(problemMessage(problem));
    this.name = 'FilterError';
  }
}

/**
 * Returns the English message of a filter problem.
 */
export function problemMessage(problem: FilterProblem): string {
  switch (problem.kind) {
    case 'missingProperty':
      return 'Choose a property to filter on.';
    case 'unknownOperator':
      return `Unknown operator ${problem.operator}.`;
    case 'missingValue':
      return `Enter a value for ${problem.operator}.`;
    case 'notANumber':
      return `${problem.operator} on ${problem.property} needs a number, got "${problem.value}".`;
    case 'tooMany':
      return `Too many filters: ${problem.count} including the scope, and SageMaker Search accepts at most ${problem.max}. Remove some filters.`;
  }
}

/**
 * Checks one condition and returns why it is invalid, or null.
 */
export function conditionProblem(condition: IFilterCondition): FilterProblem | null {
  if (!condition.property) {
    return { kind: 'missingProperty' };
  }
  if (!(FILTER_OPERATORS as readonly string[]).includes(condition.operator)) {
    return { kind: 'unknownOperator', operator: condition.operator };
  }
  if (OPERATORS_WITHOUT_VALUE.includes(condition.operator)) {
    return null;
  }

  const value = condition.value.trim();
  if (!value) {
    return { kind: 'missingValue', operator: condition.operator };
  }

  const isMetric = condition.property.startsWith('Metrics.');
  const needsNumber = ORDERED_OPERATORS.includes(condition.operator) || isMetric;
  if (needsNumber && !Number.isFinite(Number(value))) {
    return { kind: 'notANumber', operator: condition.operator, property: condition.property, value };
  }
  return null;
}

/**
 * Builds the `filter` JSON of `GET trial-components`: the scope's filters, then one Search filter
 * per condition. Values stay strings, because Search takes every Value as a string.
 *
 * Throws a `FilterError` for the first invalid condition, or when there are more than
 * `MAX_FILTERS` filters counting `scopeConditionCount` query conditions of the scope.
 */
export function buildSearchFilters(
  conditions: IFilterCondition[],
  scopeFilters: ISearchFilter[] = [],
  scopeConditionCount = 0
): ISearchFilter[] {
  const filters: ISearchFilter[] = [...scopeFilters];

  for (const condition of conditions) {
    const problem = conditionProblem(condition);
    if (problem) {
      throw new FilterError(problem);
    }
    const filter: ISearchFilter = { Name: condition.property, Operator: condition.operator };
    if (!OPERATORS_WITHOUT_VALUE.includes(condition.operator)) {
      filter.Value = condition.value.trim();
    }
    filters.push(filter);
  }

  const count = filters.length + scopeConditionCount;
  if (count > MAX_FILTERS) {
    throw new FilterError({ kind: 'tooMany', count, max: MAX_FILTERS });
  }
  return filters;
}

/**
 * Returns valid conditions from stored JSON, dropping anything malformed.
 */
export function normalizeConditions(value: unknown): IFilterCondition[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value
    .filter(
      (item): item is IFilterCondition =>
        !!item &&
        typeof item.property === 'string' &&
        typeof item.operator === 'string' &&
        typeof item.value === 'string'
    )
    .map(item => ({ property: item.property, operator: item.operator, value: item.value }))
    .filter(condition => conditionProblem(condition) === null);
}
