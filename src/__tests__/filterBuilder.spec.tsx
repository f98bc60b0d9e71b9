/**
 * @jest-environment jsdom
 */
// The filter builder renders with react-dom into jsdom, and the tests drive its forms as a user.
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { act } from 'react';

import { FilterBuilder } from '../list/FilterBuilder';
import { IFilterCondition, typeConditions } from '../list/filters';
import { mountRootPerTest, setInputValue } from './mountedRoot';

// ui-components pulls in Lumino's drag and drop, which needs the DragEvent that jsdom lacks. The
// builder only uses its close icon.
jest.mock('@jupyterlab/ui-components', () => ({ closeIcon: { react: () => null } }));

const trans = nullTranslator.load('churn_studio_ext');

describe('FilterBuilder', () => {
  const mounted = mountRootPerTest();
  let applied: IFilterCondition[][];

  function render(conditions: IFilterCondition[]): void {
    act(() =>
      mounted.root.render(
        <FilterBuilder
          properties={[{ property: 'Parameters.eta', label: 'eta', numeric: false }]}
          tagKeys={['stage', 'team']}
          conditions={conditions}
          trans={trans}
          onChange={next => applied.push(next)}
        />
      )
    );
  }

  function byLabel<T extends HTMLElement>(label: string): T {
    const element = mounted.container.querySelector<T>(`[aria-label="${label}"]`);
    if (!element) {
      throw new Error(`Element labelled ${label} not found.`);
    }
    return element;
  }

  function submit(buttonText: string): void {
    const button = [...mounted.container.querySelectorAll('button')].find(item => item.textContent === buttonText);
    act(() => button!.click());
  }

  beforeEach(() => {
    applied = [];
  });

  it('shows the current type', () => {
    render(typeConditions('processing'));

    expect(byLabel<HTMLSelectElement>('Type filter').value).toBe('processing');
  });

  it('applies a type and keeps other filters', () => {
    const eta: IFilterCondition = { property: 'Parameters.eta', operator: 'GreaterThan', value: '0.1' };
    render([eta]);

    setInputValue(byLabel<HTMLSelectElement>('Type filter'), 'training');

    expect(applied).toEqual([[eta, ...typeConditions('training')]]);
  });

  it('adds a tag filter', () => {
    render([]);

    setInputValue(byLabel<HTMLInputElement>('Tag key'), 'team');
    setInputValue(byLabel<HTMLInputElement>('Tag value contains'), 'churn');
    submit('Add tag filter');

    expect(applied).toEqual([[{ property: 'Tags.team', operator: 'Contains', value: 'churn' }]]);
  });

  it('offers the loaded tag keys', () => {
    render([]);

    const options = [...mounted.container.querySelectorAll('datalist option')].map(option => option.getAttribute('value'));

    expect(options).toEqual(['stage', 'team']);
  });

  it('adds a last modified date filter', () => {
    render([]);

    setInputValue(byLabel<HTMLSelectElement>('Date field'), 'LastModifiedTime');
    setInputValue(byLabel<HTMLSelectElement>('Date relation'), 'before');
    setInputValue(byLabel<HTMLInputElement>('Date and time (UTC)'), '2026-12-04T21:30');
    submit('Add date filter');

    expect(applied).toEqual([[{ property: 'LastModifiedTime', operator: 'LessThan', value: '2026-12-04T21:30:00' }]]);
  });

  it('reports missing date without applying', () => {
    render([]);

    submit('Add date filter');

    expect(applied).toEqual([]);
    expect(mounted.container.querySelector('[role="alert"]')?.textContent).toBe(
      'CreationTime needs a UTC date and time such as 2026-12-04T20:00:00, got "".'
    );
  });

  it('labels tag and date chips', () => {
    render([
      { property: 'Tags.team', operator: 'Contains', value: 'churn' },
      { property: 'CreationTime', operator: 'GreaterThan', value: '2026-12-04T20:00:00' }
    ]);

    const chips = [...mounted.container.querySelectorAll('.jp-ChurnStudio-filterChip span')].map(chip => chip.textContent);

    expect(chips).toEqual(['Tag team contains churn', 'Created (UTC) > 2026-12-04T20:00:00']);
  });
});
