/**
 * Reads one CSS custom property, e.g. `--jp-ui-font-color1`, and returns its value or ''.
 */
export type CssVariableReader = (name: string) => string;

/**
 * Returns a reader of the JupyterLab theme's `--jp-*` variables on the document body.
 */
export function documentVariableReader(element: HTMLElement = document.body): CssVariableReader {
  const style = window.getComputedStyle(element);
  return (name: string) => style.getPropertyValue(name).trim();
}

/**
 * Builds a Vega config that draws the chart in the current JupyterLab theme's colours and font.
 *
 * Vega renders to canvas or SVG outside the CSS cascade, so it needs resolved values, not
 * `var(...)`. The background is the theme's layout colour, so an exported PNG reads the same as
 * the chart on screen. A variable that the theme leaves empty leaves Vega's default.
 */
export function themeConfig(read: CssVariableReader): { [key: string]: unknown } {
  const background = read('--jp-layout-color0');
  const text = read('--jp-ui-font-color1');
  const secondaryText = read('--jp-ui-font-color2');
  const grid = read('--jp-border-color2');
  const domain = read('--jp-border-color1');
  const font = read('--jp-ui-font-family');

  const withValue = (entries: { [key: string]: string }): { [key: string]: string } =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== ''));

  return {
    ...withValue({ background, font }),
    title: withValue({ color: text }),
    axis: withValue({
      labelColor: secondaryText,
      titleColor: text,
      gridColor: grid,
      domainColor: domain,
      tickColor: domain
    }),
    legend: withValue({ labelColor: secondaryText, titleColor: text }),
    view: { stroke: grid || 'transparent' }
  };
}
