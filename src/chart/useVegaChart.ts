import * as React from 'react';

import { renderChart } from './chartRenderer';
import { VegaLiteSpec } from './chartSpec';
import { documentVariableReader, themeConfig } from './chartTheme';

/**
 * The container to draw a chart into, and the message of the last failed drawing or null.
 */
export interface IVegaChart {
  container: React.RefObject<HTMLDivElement>;
  error: string | null;
}

/**
 * Draws a Vega-Lite chart into the returned container, and redraws it whenever `deps` change.
 *
 * `buildSpec` receives the Vega config of the JupyterLab theme, read from the page's CSS
 * variables at drawing time, so `deps` must change on each theme switch. A null spec clears the
 * container. The previous drawing is finalized before the next one and on unmount.
 */
export function useVegaChart(
  buildSpec: (config: { [key: string]: unknown }) => VegaLiteSpec | null,
  isLight: boolean,
  deps: React.DependencyList
): IVegaChart {
  const container = React.useRef<HTMLDivElement>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    const element = container.current;
    if (!element) {
      return;
    }
    const spec = buildSpec(themeConfig(documentVariableReader()));
    if (spec === null) {
      element.replaceChildren();
      return;
    }
    let cancelled = false;
    let finalize: (() => void) | null = null;
    renderChart(element, spec, isLight)
      .then(result => {
        if (cancelled) {
          result.finalize();
        } else {
          finalize = () => result.finalize();
          setError(null);
        }
      })
      .catch(reason => !cancelled && setError((reason as Error).message));
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, deps);

  return { container, error };
}
