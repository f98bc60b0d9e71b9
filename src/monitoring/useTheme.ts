import * as React from 'react';

/**
 * The JupyterLab theme as the charts need it: whether it is light, and a key that changes with
 * every theme switch so that charts redraw in the new colours.
 */
export interface IThemeState {
  isLight: boolean;
  themeKey: string;
}

function readTheme(): IThemeState {
  const { jpThemeLight, jpThemeName } = document.body.dataset;
  return { isLight: jpThemeLight !== 'false', themeKey: `${jpThemeName ?? ''}:${jpThemeLight ?? ''}` };
}

/**
 * Returns the current JupyterLab theme and follows theme switches.
 *
 * JupyterLab's theme manager writes `data-jp-theme-light` and `data-jp-theme-name` on the body,
 * so a component rendered inside another extension's panel can follow the theme without the
 * `IThemeManager` token.
 */
export function useTheme(): IThemeState {
  const [theme, setTheme] = React.useState(readTheme);

  React.useEffect(() => {
    const observer = new MutationObserver(() => {
      const next = readTheme();
      setTheme(current => (current.themeKey === next.themeKey ? current : next));
    });
    observer.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-light', 'data-jp-theme-name']
    });
    return () => observer.disconnect();
  }, []);
  return theme;
}
