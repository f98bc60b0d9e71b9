import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';

import { ColumnGroup, IColumn } from './columns';

/**
 * Returns the translated heading of a column. Parameter, metric and tag columns keep their names.
 */
export function columnLabel(column: IColumn, trans: TranslationBundle): string {
  switch (column.id) {
    case 'status':
      return trans.__('Status');
    case 'experiment':
      return trans.__('Experiment');
    case 'trial':
      return trans.__('Trial');
    case 'displayName':
      return trans.__('Trial component');
    case 'type':
      return trans.__('Type');
    case 'created':
      return trans.__('Created');
    case 'lastModified':
      return trans.__('Last modified');
    default:
      return column.label;
  }
}

/**
 * Returns the translated name of a column group, as the column chooser's presets show it.
 */
export function columnGroupLabel(group: ColumnGroup, trans: TranslationBundle): string {
  switch (group) {
    case 'summary':
      return trans.__('Summary');
    case 'metrics':
      return trans.__('Metrics');
    case 'parameters':
      return trans.__('Parameters');
    case 'tags':
      return trans.__('Tags');
  }
}

/**
 * Formats a cell value: times as the page language's short date and time, numbers with at most
 * 6 significant digits.
 */
export function formatCell(column: IColumn, value: string | number | null): string {
  if (value === null || value === '') {
    return '';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  }
  if (column.id === 'created' || column.id === 'lastModified') {
    const time = new Date(value);
    return Number.isNaN(time.getTime()) ? value : Time.format(time);
  }
  return value;
}
