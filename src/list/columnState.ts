import { COLUMN_GROUPS, ColumnGroup, IColumn } from './columns';

/**
 * The visibility of the trial component list's columns.
 *
 * A column is visible when its group is switched on and it is not in `hidden`, or when it is in
 * `shown`. Groups make the presets work for parameters and metrics that appear only as more
 * pages arrive. The object is plain JSON, so the workspace can store it.
 */
export interface IColumnState {
  groups: ColumnGroup[];
  hidden: string[];
  shown: string[];
}

/**
 * The names of the presets of the `defaultColumns` setting and of the column chooser.
 */
export type ColumnPreset = 'all' | ColumnGroup;

/**
 * Returns the column state of a preset: one group, or every group for `all`.
 */
export function presetColumnState(preset: ColumnPreset): IColumnState {
  const groups = preset === 'all' ? [...COLUMN_GROUPS] : [preset];
  return { groups, hidden: [], shown: [] };
}

/**
 * Returns a valid column state from stored JSON, or the preset's state when it is unusable.
 */
export function normalizeColumnState(value: unknown, fallback: ColumnPreset): IColumnState {
  const state = value as Partial<IColumnState> | null | undefined;
  if (!state || !Array.isArray(state.groups)) {
    return presetColumnState(fallback);
  }
  const strings = (items: unknown): string[] =>
    Array.isArray(items) ? items.filter((item): item is string => typeof item === 'string') : [];

  return {
    groups: COLUMN_GROUPS.filter(group => state.groups!.includes(group)),
    hidden: strings(state.hidden),
    shown: strings(state.shown)
  };
}

/**
 * Return whether a column is visible. Columns that cannot be hidden are always visible.
 */
export function isColumnVisible(state: IColumnState, column: IColumn): boolean {
  if (!column.hideable || state.shown.includes(column.id)) {
    return true;
  }
  return state.groups.includes(column.group) && !state.hidden.includes(column.id);
}

/**
 * Returns the visible columns, in their order.
 */
export function visibleColumns(state: IColumnState, columns: IColumn[]): IColumn[] {
  return columns.filter(column => isColumnVisible(state, column));
}

/**
 * Returns the state with one column's visibility flipped.
 */
export function toggleColumn(state: IColumnState, column: IColumn): IColumnState {
  if (!column.hideable) {
    return state;
  }
  const hidden = state.hidden.filter(id => id !== column.id);
  const shown = state.shown.filter(id => id !== column.id);

  if (isColumnVisible(state, column)) {
    if (state.groups.includes(column.group)) {
      hidden.push(column.id);
    }
  } else if (!state.groups.includes(column.group)) {
    shown.push(column.id);
  }
  return { groups: state.groups, hidden, shown };
}

/**
 * Returns the state with a group switched on or off. Individual choices within that group are
 * dropped, so the preset shows or hides the whole group.
 */
export function toggleColumnGroup(state: IColumnState, group: ColumnGroup): IColumnState {
  const inGroup = (id: string): boolean => columnGroupOfId(id) === group;
  const groups = state.groups.includes(group)
    ? state.groups.filter(item => item !== group)
    : COLUMN_GROUPS.filter(item => item === group || state.groups.includes(item));

  return {
    groups,
    hidden: state.hidden.filter(id => !inGroup(id)),
    shown: state.shown.filter(id => !inGroup(id))
  };
}

/**
 * Returns the group of a column id, following the id scheme of `columns.ts`.
 */
export function columnGroupOfId(id: string): ColumnGroup {
  if (id.startsWith('parameter:')) {
    return 'parameters';
  }
  if (id.startsWith('metric:')) {
    return 'metrics';
  }
  if (id.startsWith('tag:')) {
    return 'tags';
  }
  return 'summary';
}
