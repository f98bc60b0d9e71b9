import { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  conditionProblem,
  FILTER_OPERATORS,
  FilterError,
  FilterProblem,
  FilterOperator,
  IFilterCondition,
  IFilterProperty
} from './filters';

/**
 * The properties of `FilterBuilder`.
 */
export interface IFilterBuilderProps {
  properties: IFilterProperty[];
  conditions: IFilterCondition[];
  trans: TranslationBundle;
  /**
   * Applies new conditions. Throws an `Error` whose message explains why they are invalid.
   */
  onChange: (conditions: IFilterCondition[]) => void;
}

/**
 * Renders the active filter conditions and a form to add one: property, operator, value.
 */
export function FilterBuilder(props: IFilterBuilderProps): JSX.Element {
  const { properties, conditions, trans, onChange } = props;
  const [property, setProperty] = React.useState('');
  const [operator, setOperator] = React.useState<FilterOperator>('GreaterThan');
  const [value, setValue] = React.useState('');
  const [problem, setProblem] = React.useState<string | null>(null);

  const labelOf = (name: string): string =>
    properties.find(item => item.property === name)?.label ?? name;
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
    case 'tooMany':
      return trans.__(
        'Too many filters: %1 including the scope, and SageMaker Search accepts at most %2. Remove some filters.',
        problem.count,
        problem.max
      );
  }
}
