import * as React from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';

// Tells React that updates are wrapped in act(), so it flushes them before act() returns.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * Renders an element into a detached jsdom node and returns that node's HTML.
 */
export function renderHtml(element: React.ReactElement): string {
  const container = document.createElement('div');
  const root = createRoot(container);

  act(() => {
    root.render(element);
  });
  const html = container.innerHTML;

  act(() => {
    root.unmount();
  });
  return html;
}
