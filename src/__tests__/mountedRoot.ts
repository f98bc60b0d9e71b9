import * as React from 'react';
import { act } from 'react';
import { createRoot, Root } from 'react-dom/client';

// Tells React that updates are wrapped in act(), so it flushes them before act() returns.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * A React root that lives in the document for the length of one test.
 */
export interface IMountedRoot {
  /**
   * Element the root renders into, replaced before each test.
   */
  readonly container: HTMLDivElement;

  /**
   * Root of the current test, for renders that must not wait for timers.
   */
  readonly root: Root;

  /**
   * Renders `element`, then lets pending promises and zero-delay timers settle.
   */
  render(element: React.ReactElement): Promise<void>;
}

/**
 * Registers hooks that mount a fresh React root in the document before each test and unmount it
 * after. Call it at the top of a test file or inside `describe`.
 */
export function mountRootPerTest(): IMountedRoot {
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  return {
    get container(): HTMLDivElement {
      return container;
    },
    get root(): Root {
      return root;
    },
    async render(element: React.ReactElement): Promise<void> {
      await act(async () => {
        root.render(element);
      });
      await act(async () => {
        await new Promise(resolve => setTimeout(resolve, 0));
      });
    }
  };
}

/**
 * Sets a field's value the way typing does, so React's change handler runs. React tracks an
 * input's value, so the value goes through the prototype's setter.
 */
export function setInputValue(element: HTMLInputElement | HTMLSelectElement, value: string): void {
  const prototype = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')!.set!;
  act(() => {
    setter.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}
