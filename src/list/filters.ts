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
 * The trial component times that the date filters compare. Search takes their values as ISO 8601
 * `YYYY-mm-ddTHH:MM:SS`, which the list sends in UTC.
 */
export const TIME_PROPERTIES = ['CreationTime', 'LastModifiedTime'] as const;

export type TimeProperty = (typeof TIME_PROPERTIES)[number];

/**
 * The Search property of a trial component's source job type.
 */
export const SOURCE_TYPE_PROPERTY = 'Source.SourceType';

/**
 * The prefix of a tag's Search property, `Tags.<key>`, whose value is the tag's value.
 */
export const TAG_PREFIX = 'Tags.';

/**
 * The job types of the Type filter. `other` is every component whose source is neither.
 */
export type ComponentTypeFilter = 'any' | 'training' | 'processing' | 'other';

/**
 * `Source.SourceType` of the components that SageMaker training and processing jobs create.
 *
 * NOTE: public fixtures show `SageMakerProcessingJob`. `SageMakerTrainingJob` is what the local
 * backend sets, and neither value nor the `Source.SourceType` filter has been tried against AWS.
 */
export const SOURCE_TYPES = {
  training: 'SageMakerTrainingJob',
  processing: 'SageMakerProcessingJob'
} as const;

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
  | { kind: 'notATime'; property: string; value: string }
  | { kind: 'missingTagKey' }
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
    case 'notATime':
      return `${problem.property} needs a UTC date and time such as 2026-12-04T20:00:00, got "${problem.value}".`;
    case 'missingTagKey':
      return 'Enter the tag key to filter on.';
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
  if (condition.property === TAG_PREFIX) {
    return { kind: 'missingTagKey' };
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

  if (isTimeProperty(condition.property)) {
    return parseUtcTime(value) === null ? { kind: 'notATime', property: condition.property, value } : null;
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

/**
 * Returns whether a Search property is one of the date filters' times.
 */
export function isTimeProperty(property: string): property is TimeProperty {
  return (TIME_PROPERTIES as readonly string[]).includes(property);
}

/**
 * Parses `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (what a `datetime-local` input returns, and
 * what Search takes) as a UTC time, and returns it as `YYYY-MM-DDTHH:MM:SS`, or null when the
 * text is not such a time.
 */
export function parseUtcTime(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) {
    return null;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(part => Number(part ?? '0'));
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2026-02-30 over into March, so a changed field means an invalid date.
  const valid =
    time.getUTCFullYear() === year &&
    time.getUTCMonth() === month - 1 &&
    time.getUTCDate() === day &&
    time.getUTCHours() === hour &&
    time.getUTCMinutes() === minute &&
    time.getUTCSeconds() === second;
  return valid ? time.toISOString().slice(0, 19) : null;
}

/**
 * Builds the condition of a date filter: the time `after` (exclusive) or `before` (exclusive)
 * a UTC time. Throws a `FilterError` when the time is invalid.
 */
export function dateCondition(property: TimeProperty, relation: 'after' | 'before', text: string): IFilterCondition {
  const value = parseUtcTime(text);
  if (value === null) {
    throw new FilterError({ kind: 'notATime', property, value: text });
  }
  return { property, operator: relation === 'after' ? 'GreaterThan' : 'LessThan', value };
}

/**
 * Builds the condition of a tag filter: the tag `key` exists, or its value contains `contains`
 * when that is not empty. Throws a `FilterError` when the key is empty.
 */
export function tagCondition(key: string, contains: string): IFilterCondition {
  const tagKey = key.trim();
  if (!tagKey) {
    throw new FilterError({ kind: 'missingTagKey' });
  }
  const value = contains.trim();
  return value
    ? { property: `${TAG_PREFIX}${tagKey}`, operator: 'Contains', value }
    : { property: `${TAG_PREFIX}${tagKey}`, operator: 'Exists', value: '' };
}

/**
 * Returns the conditions of a Type filter. `other` needs two conditions, because Search has no
 * "not in": NotEquals also matches components without a source, as Search defines it.
 */
export function typeConditions(type: ComponentTypeFilter): IFilterCondition[] {
  switch (type) {
    case 'any':
      return [];
    case 'training':
    case 'processing':
      return [{ property: SOURCE_TYPE_PROPERTY, operator: 'Equals', value: SOURCE_TYPES[type] }];
    case 'other':
      return [
        { property: SOURCE_TYPE_PROPERTY, operator: 'NotEquals', value: SOURCE_TYPES.training },
        { property: SOURCE_TYPE_PROPERTY, operator: 'NotEquals', value: SOURCE_TYPES.processing }
      ];
  }
}

/**
 * Returns the Type filter that the conditions on `Source.SourceType` express, `any` when there
 * are none, or null when they are some other combination (from the generic form).
 */
export function typeFilterOf(conditions: IFilterCondition[]): ComponentTypeFilter | null {
  const own = JSON.stringify(conditions.filter(condition => condition.property === SOURCE_TYPE_PROPERTY));
  const types: ComponentTypeFilter[] = ['any', 'training', 'processing', 'other'];
  return types.find(type => JSON.stringify(typeConditions(type)) === own) ?? null;
}

/**
 * Returns the conditions with every `Source.SourceType` condition replaced by the Type filter's.
 */
export function withTypeFilter(conditions: IFilterCondition[], type: ComponentTypeFilter): IFilterCondition[] {
  return [...conditions.filter(condition => condition.property !== SOURCE_TYPE_PROPERTY), ...typeConditions(type)];
}
