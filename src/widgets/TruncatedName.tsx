import * as React from 'react';

/**
 * The number of trailing characters that stay visible when a name is cut. Generated names end in
 * their distinctive part, such as `-weight-4` or a timestamp, so the cut happens in the middle.
 */
export const KEPT_SUFFIX_LENGTH = 10;

/**
 * Splits a name into a head that may shrink with an ellipsis and a tail that always shows.
 * Names no longer than twice the tail stay whole, because cutting them saves little space.
 */
export function splitName(name: string, tailLength = KEPT_SUFFIX_LENGTH): [string, string] {
  if (name.length <= tailLength * 2) {
    return [name, ''];
  }
  return [name.slice(0, name.length - tailLength), name.slice(name.length - tailLength)];
}

/**
 * Renders a name that an ellipsis cuts in the middle when space runs out, with the full name as
 * its tooltip. The text content stays the full name, so copying and tests see it whole.
 *
 * `tooltip` replaces the tooltip, and null leaves it to an ancestor whose own `title` gives more detail.
 */
export function TruncatedName(props: { name: string; className?: string; tooltip?: string | null }): JSX.Element {
  const [head, tail] = splitName(props.name);
  const classes = ['jp-ChurnStudio-truncatedName'];
  if (props.className) {
    classes.push(props.className);
  }

  return (
    <span className={classes.join(' ')} title={props.tooltip === null ? undefined : props.tooltip ?? props.name}>
      <span className="jp-ChurnStudio-truncatedHead">{head}</span>
      {tail && <span className="jp-ChurnStudio-truncatedTail">{tail}</span>}
    </span>
  );
}

/**
 * Shortens a name to at most `maxLength` characters by cutting its middle, for places that
 * show plain text only, such as tab titles. The distinctive end of the name stays.
 *
 * The default fits the label of a JupyterLab 4 main-area tab, which is 216 px wide with its icon
 * and close button, at the UI font size of 13 px.
 */
export function shortenMiddle(name: string, maxLength = 24): string {
  if (name.length <= maxLength) {
    return name;
  }
  const tailLength = Math.ceil((maxLength - 1) / 2);
  const headLength = maxLength - 1 - tailLength;
  return `${name.slice(0, headLength)}…${name.slice(name.length - tailLength)}`;
}
