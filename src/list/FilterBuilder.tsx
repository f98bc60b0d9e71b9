import { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  ComponentTypeFilter,
  conditionProblem,
  dateCondition,
  FILTER_OPERATORS,
  FilterError,
  FilterProblem,
  FilterOperator,
  IFilterCondition,
  IFilterProperty,
  SOURCE_TYPE_PROPERTY,
  tagCondition,
  TAG_PREFIX,
  TimeProperty,
  typeFilterOf,
  withTypeFilter
} from './filters';

/**
 * The properties of `FilterBuilder`.
 */
export interface IFilterBuilderProps {
  properties: IFilterProperty[];
  /**
   * The tag keys of the loaded rows, offered as suggestions by the tag filter.
   */
  tagKeys: string[];
  conditions: IFilterCondition[];
  trans: TranslationBundle;
  /**
   * Applies new conditions. Throws an `Error` whose message explains why they are invalid.
   */
  onChange: (conditions: IFilterCondition[]) => void;
}

/**
 * Renders the active filter conditions, the Type filter, forms to add a date or a tag filter,
 * and a form to add any condition: property, operator, value.
 */
export function FilterBuilder(props: IFilterBuilderProps): JSX.Element {
  const { properties, conditions, trans, onChange } = props;
  const [property, setProperty] = React.useState('');
  const [operator, setOperator] = React.useState<FilterOperator>('GreaterThan');
  const [value, setValue] = React.useState('');
  const [problem, setProblem] = React.useState<string | null>(null);

  const labelOf = (name: string): string =>
    properties.find(item => item.property === name)?.label ?? fixedLabel(name, trans);
  const needsValue = operator !== 'Exists' && operator !== 'NotExists';

  const apply = (next: IFilterCondition[]): void => {
    try {
      onChange(next);
      setProblem(null);
    } catch (error) {
      if (error instanceof FilterError) {
        setProblem(problemText(error.problem, trans));
      } else {
        setProblem((error as Error).message);
      }
    }
  };

  const onSubmit = (event: React.FormEvent): void => {
    event.preventDefault();
    const condition: IFilterCondition = { property: property || properties[0]?.property || '', operator, value };
    const invalid = conditionProblem(condition);
    if (invalid) {
      setProblem(problemText(invalid, trans));
      return;
    }
    apply([...conditions, condition]);
    setValue('');
  };

  const run = (build: () => IFilterCondition[]): void => {
    try {
      apply(build());
    } catch (error) {
      setProblem(error instanceof FilterError ? problemText(error.problem, trans) : (error as Error).message);
    }
  };

  return (
    <div className="jp-ChurnStudio-filterBuilder">
      {conditions.length > 0 && (
        <ul className="jp-ChurnStudio-filterChips" aria-label={trans.__('Active filters')}>
          {conditions.map((condition, index) => (
            <li key={index} className="jp-ChurnStudio-filterChip">
              <span>
                {labelOf(condition.property)} {operatorLabel(condition.operator, trans)} {condition.value}
              </span>
              <button
                className="jp-ChurnStudio-iconButton"
                title={trans.__('Remove this filter')}
                onClick={() => apply(conditions.filter((_, position) => position !== index))}
              >
                <closeIcon.react tag="span" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="jp-ChurnStudio-filterForms">
        <TypeFilter conditions={conditions} trans={trans} onChange={type => run(() => withTypeFilter(conditions, type))} />
        <DateFilterForm trans={trans} onAdd={build => run(() => [...conditions, build()])} />
        <TagFilterForm tagKeys={props.tagKeys} trans={trans} onAdd={build => run(() => [...conditions, build()])} />
      </div>
      <form className="jp-ChurnStudio-filterForm" onSubmit={onSubmit}>
        <select
          aria-label={trans.__('Filter property')}
          value={property || properties[0]?.property || ''}
          onChange={event => setProperty(event.target.value)}
          disabled={properties.length === 0}
        >
          {properties.map(item => (
            <option key={item.property} value={item.property}>
              {item.label}
            </option>
          ))}
        </select>
        <select
          aria-label={trans.__('Filter operator')}
          value={operator}
          onChange={event => setOperator(event.target.value as FilterOperator)}
        >
          {FILTER_OPERATORS.map(item => (
            <option key={item} value={item}>
              {operatorLabel(item, trans)}
            </option>
          ))}
        </select>
        {needsValue && (
          <input
            aria-label={trans.__('Filter value')}
            className="jp-mod-styled"
            value={value}
            placeholder={trans.__('Value')}
            onChange={event => setValue(event.target.value)}
          />
        )}
        <button type="submit" className="jp-mod-styled jp-mod-accept" disabled={properties.length === 0}>
          {trans.__('Add filter')}
        </button>
      </form>
      {properties.length === 0 && (
        <div className="jp-ChurnStudio-muted">{trans.__('No parameters or metrics to filter on yet.')}</div>
      )}
      {problem && (
        <div className="jp-ChurnStudio-problem" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}

/**
 * Returns the translated label of a Search operator.
 */
export function operatorLabel(operator: FilterOperator, trans: TranslationBundle): string {
  switch (operator) {
    case 'Equals':
      return trans.__('=');
    case 'NotEquals':
      return trans.__('≠');
    case 'GreaterThan':
      return trans.__('>');
    case 'GreaterThanOrEqualTo':
      return trans.__('≥');
    case 'LessThan':
      return trans.__('<');
    case 'LessThanOrEqualTo':
      return trans.__('≤');
    case 'Contains':
      return trans.__('contains');
    case 'Exists':
      return trans.__('exists');
    case 'NotExists':
      return trans.__('does not exist');
  }
}

/**
 * Returns the translated message of a filter problem.
 */
export function problemText(problem: FilterProblem, trans: TranslationBundle): string {
  switch (problem.kind) {
    case 'missingProperty':
      return trans.__('Choose a property to filter on.');
    case 'unknownOperator':
      return trans.__('Unknown operator %1.', problem.operator);
    case 'missingValue':
      return trans.__('Enter a value for %1.', problem.operator);
    case 'notANumber':
      return trans.__('%1 on %2 needs a number, got "%3".', problem.operator, problem.property, problem.value);
    case 'notATime':
      return trans.__('%1 needs a UTC date and time such as 2026-12-04T20:00:00, got "%2".', problem.property, problem.value);
    case 'missingTagKey':
      return trans.__('Enter the tag key to filter on.');
    case 'tooMany':
      return trans.__(
        'Too many filters: %1 including the scope, and SageMaker Search accepts at most %2. Remove some filters.',
        problem.count,
        problem.max
      );
  }
}

/**
 * Returns the translated label of a fixed filter property or a tag, or the property itself.
 */
function fixedLabel(property: string, trans: TranslationBundle): string {
  switch (property) {
    case 'CreationTime':
      return trans.__('Created (UTC)');
    case 'LastModifiedTime':
      return trans.__('Last modified (UTC)');
    case SOURCE_TYPE_PROPERTY:
      return trans.__('Type');
  }
  if (property.startsWith(TAG_PREFIX)) {
    return trans.__('Tag %1', property.slice(TAG_PREFIX.length));
  }
  return property;
}

/**
 * Renders the Type filter: any type, training job, processing job, or other. A combination of
 * `Source.SourceType` conditions from the generic form shows as "Custom".
 */
function TypeFilter(props: {
  conditions: IFilterCondition[];
  trans: TranslationBundle;
  onChange: (type: ComponentTypeFilter) => void;
}): JSX.Element {
  const { conditions, trans, onChange } = props;
  const current = typeFilterOf(conditions);
  return (
    <label className="jp-ChurnStudio-typeFilter">
      {trans.__('Type')}
      <select
        aria-label={trans.__('Type filter')}
        value={current ?? 'custom'}
        onChange={event => onChange(event.target.value as ComponentTypeFilter)}
      >
        <option value="any">{trans.__('Any type')}</option>
        <option value="training">{trans.__('Training job')}</option>
        <option value="processing">{trans.__('Processing job')}</option>
        <option value="other">{trans.__('Other')}</option>
        {current === null && (
          <option value="custom" disabled>
            {trans.__('Custom')}
          </option>
        )}
      </select>
    </label>
  );
}

/**
 * Renders the form of a date filter: Created or Last modified, after or before a UTC date and time.
 */
function DateFilterForm(props: {
  trans: TranslationBundle;
  onAdd: (build: () => IFilterCondition) => void;
}): JSX.Element {
  const { trans, onAdd } = props;
  const [property, setProperty] = React.useState<TimeProperty>('CreationTime');
  const [relation, setRelation] = React.useState<'after' | 'before'>('after');
  const [time, setTime] = React.useState('');

  const onSubmit = (event: React.FormEvent): void => {
    event.preventDefault();
    onAdd(() => dateCondition(property, relation, time));
  };

  return (
    <form className="jp-ChurnStudio-dateFilterForm" onSubmit={onSubmit}>
      <select
        aria-label={trans.__('Date field')}
        value={property}
        onChange={event => setProperty(event.target.value as TimeProperty)}
      >
        <option value="CreationTime">{trans.__('Created')}</option>
        <option value="LastModifiedTime">{trans.__('Last modified')}</option>
      </select>
      <select
        aria-label={trans.__('Date relation')}
        value={relation}
        onChange={event => setRelation(event.target.value as 'after' | 'before')}
      >
        <option value="after">{trans.__('after')}</option>
        <option value="before">{trans.__('before')}</option>
      </select>
      <input
        type="datetime-local"
        step={1}
        className="jp-mod-styled"
        aria-label={trans.__('Date and time (UTC)')}
        title={trans.__('Date and time in UTC')}
        value={time}
        onChange={event => setTime(event.target.value)}
      />
      <span className="jp-ChurnStudio-muted">{trans.__('UTC')}</span>
      <button type="submit" className="jp-mod-styled">
        {trans.__('Add date filter')}
      </button>
    </form>
  );
}

/**
 * Renders the form of a tag filter: a tag key, and text its value contains. Without text, the
 * filter keeps the components that have the tag.
 */
function TagFilterForm(props: {
  tagKeys: string[];
  trans: TranslationBundle;
  onAdd: (build: () => IFilterCondition) => void;
}): JSX.Element {
  const { tagKeys, trans, onAdd } = props;
  const [key, setKey] = React.useState('');
  const [contains, setContains] = React.useState('');
  const listId = React.useMemo(() => `jp-ChurnStudio-tagKeys-${Math.random().toString(36).slice(2)}`, []);

  const onSubmit = (event: React.FormEvent): void => {
    event.preventDefault();
    onAdd(() => tagCondition(key, contains));
    setContains('');
  };

  return (
    <form className="jp-ChurnStudio-tagFilterForm" onSubmit={onSubmit}>
      <input
        className="jp-mod-styled"
        aria-label={trans.__('Tag key')}
        placeholder={trans.__('Tag key')}
        list={listId}
        value={key}
        onChange={event => setKey(event.target.value)}
      />
      <datalist id={listId}>
        {tagKeys.map(tagKey => (
          <option key={tagKey} value={tagKey} />
        ))}
      </datalist>
      <input
        className="jp-mod-styled"
        aria-label={trans.__('Tag value contains')}
        placeholder={trans.__('Value contains (optional)')}
        value={contains}
        onChange={event => setContains(event.target.value)}
      />
      <button type="submit" className="jp-mod-styled">
        {trans.__('Add tag filter')}
      </button>
    </form>
  );
}
