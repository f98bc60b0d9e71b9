/**
 * @jest-environment jsdom
 */
// The filter builder renders with react-dom into jsdom, and the tests drive its forms as a user.
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { act } from 'react';
import { createRoot, Root } from 'react-dom/client';

import { FilterBuilder } from '../list/FilterBuilder';
import { IFilterCondition, typeConditions } from '../list/filters';

// ui-components pulls in Lumino's drag and drop, which needs the DragEvent that jsdom lacks. The
// builder only uses its close icon.
jest.mock('@jupyterlab/ui-components', () => ({ closeIcon: { react: () => null } }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const trans = nullTranslator.load('churn_studio_ext');

describe('FilterBuilder', () => {
  let container: HTMLDivElement;
  let root: Root;
  let applied: IFilterCondition[][];

  function render(conditions: IFilterCondition[]): void {
    act(() =>
      root.render(
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
    const element = container.querySelector<T>(`[aria-label="${label}"]`);
    if (!element) {
      throw new Error(`No element labelled ${label}`);
    }
    return element;
  }

  // React tracks an input's value, so a test sets it through the prototype's setter.
  function type(element: HTMLInputElement | HTMLSelectElement, value: string): void {
    const prototype = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    const setter = Object.getOwnPropertyDescriptor(prototype, 'value')!.set!;
    act(() => {
      setter.call(element, value);
      element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    });
  }

  function submit(buttonText: string): void {
    const button = [...container.querySelectorAll('button')].find(item => item.textContent === buttonText);
    act(() => button!.click());
  }

  beforeEach(() => {
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
    applied = [];
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('shows the current type', () => {
    render(typeConditions('processing'));

    expect(byLabel<HTMLSelectElement>('Type filter').value).toBe('processing');
  });

  it('applies a type and keeps other filters', () => {
    const eta: IFilterCondition = { property: 'Parameters.eta', operator: 'GreaterThan', value: '0.1' };
    render([eta]);

    type(byLabel<HTMLSelectElement>('Type filter'), 'training');

    expect(applied).toEqual([[eta, ...typeConditions('training')]]);
  });

  it('adds a tag filter', () => {
    render([]);

    type(byLabel<HTMLInputElement>('Tag key'), 'team');
    type(byLabel<HTMLInputElement>('Tag value contains'), 'churn');
    submit('Add tag filter');

    expect(applied).toEqual([[{ property: 'Tags.team', operator: 'Contains', value: 'churn' }]]);
  });

  it('offers the loaded tag keys', () => {
    render([]);

    const options = [...container.querySelectorAll('datalist option')].map(option => option.getAttribute('value'));

    expect(options).toEqual(['stage', 'team']);
  });

  it('adds a last modified date filter', () => {
    render([]);

    type(byLabel<HTMLSelectElement>('Date field'), 'LastModifiedTime');
    type(byLabel<HTMLSelectElement>('Date relation'), 'before');
    type(byLabel<HTMLInputElement>('Date and time (UTC)'), '2026-12-04T21:30');
    submit('Add date filter');

    expect(applied).toEqual([[{ property: 'LastModifiedTime', operator: 'LessThan', value: '2026-12-04T21:30:00' }]]);
  });

  it('reports a missing date instead of applying', () => {
    render([]);

    submit('Add date filter');

    expect(applied).toEqual([]);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      'CreationTime needs a UTC date and time such as 2026-12-04T20:00:00, got "".'
    );
  });

  it('labels tag and date chips', () => {
    render([
      { property: 'Tags.team', operator: 'Contains', value: 'churn' },
      { property: 'CreationTime', operator: 'GreaterThan', value: '2026-12-04T20:00:00' }
    ]);

    const chips = [...container.querySelectorAll('.jp-ChurnStudio-filterChip span')].map(chip => chip.textContent);

    expect(chips).toEqual(['Tag team contains churn', 'Created (UTC) > 2026-12-04T20:00:00']);
  });
});
