import embed, { IEmbedResult } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';

import { VegaLiteSpec } from './chartSpec';

/**
 * Renders a Vega-Lite spec into `element` as SVG and returns the embed result.
 *
 * Vega compiles its expressions with `new Function` by default, which a Content Security Policy
 * without `unsafe-eval` blocks; the AST interpreter evaluates them without `eval`. vega-embed's
 * own action menu is off because the Chart widget has its own export buttons.
 */
export function renderChart(
  element: HTMLElement,
  spec: VegaLiteSpec,
  isLight: boolean
): Promise<IEmbedResult> {
  return embed(element, spec, {
    actions: false,
    ast: true,
    expr: expressionInterpreter,
    renderer: 'svg',
    tooltip: { theme: isLight ? 'light' : 'dark' }
  });
}

/**
 * Saves a rendered chart as a PNG or SVG file through the browser's download.
 */
export async function downloadChart(
  result: IEmbedResult,
  format: 'png' | 'svg',
  fileStem: string
): Promise<void> {
  // Twice the screen resolution keeps a PNG sharp in slides; SVG ignores the factor.
  const url = await result.view.toImageURL(format, 2);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileStem}.${format}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * Returns a file name stem from a chart title: letters, digits, `-` and `_` only.
 */
export function chartFileStem(title: string): string {
  const stem = title
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return stem || 'chart';
}
