import { ITrialComponentRow } from '../api';
import { IColumn } from './columns';

/**
 * Quotes a CSV field when it contains a comma, a quote or a line break (RFC 4180).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) {
    return '';
  }
  const text = String(value);
  if (/[",\r\n]/.test(text)) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/**
 * Builds a CSV document: one heading line with the labels, then one line per row, CRLF-separated.
 *
 * Times stay ISO 8601 strings and numbers keep full precision, so a spreadsheet or pandas reads
 * the values the server returned.
 */
export function buildCsv(
  columns: IColumn[],
  rows: ITrialComponentRow[],
  label: (column: IColumn) => string = column => column.label
): string {
  const lines = [columns.map(column => csvField(label(column))).join(',')];
  for (const row of rows) {
    lines.push(columns.map(column => csvField(column.value(row))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
