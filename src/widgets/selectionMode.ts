/**
 * The effect of a click on a selection: replace it, toggle one item, or extend a range.
 */
export type SelectionMode = 'replace' | 'toggle' | 'range';

/**
 * Returns the selection mode of a click: shift extends a range, ctrl or cmd toggles one item.
 */
export function selectionMode(event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): SelectionMode {
  if (event.shiftKey) {
    return 'range';
  }
  if (event.ctrlKey || event.metaKey) {
    return 'toggle';
  }
  return 'replace';
}
