import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { columnGroupLabel, columnLabel } from './columnLabels';
import { COLUMN_GROUPS, ColumnGroup, IColumn } from './columns';
import { IColumnState, isColumnVisible, toggleColumn, toggleColumnGroup } from './columnState';

/**
 * The properties of `ColumnChooser`.
 */
export interface IColumnChooserProps {
  columns: IColumn[];
  state: IColumnState;
  trans: TranslationBundle;
  onChange: (state: IColumnState) => void;
}

/**
 * Renders the column presets Summary, Metrics, Parameters and Tags, then a check box per column.
 */
export function ColumnChooser(props: IColumnChooserProps): JSX.Element {
  const { columns, state, trans, onChange } = props;

  const byGroup = (group: ColumnGroup): IColumn[] =>
    columns.filter(column => column.group === group && column.hideable);

  return (
    <div className="jp-ChurnStudio-columnChooser" role="group" aria-label={trans.__('Columns')}>
      <fieldset className="jp-ChurnStudio-columnPresets">
        <legend>{trans.__('Column presets')}</legend>
        {COLUMN_GROUPS.map(group => (
          <label key={group} data-column-group={group}>
            <input
              type="checkbox"
              checked={state.groups.includes(group)}
              onChange={() => onChange(toggleColumnGroup(state, group))}
            />
            {columnGroupLabel(group, trans)}
          </label>
        ))}
      </fieldset>
      {COLUMN_GROUPS.map(group => {
        const groupColumns = byGroup(group);
        if (groupColumns.length === 0) {
          return null;
        }
        return (
          <fieldset key={group} className="jp-ChurnStudio-columnToggles">
            <legend>{columnGroupLabel(group, trans)}</legend>
            {groupColumns.map(column => (
              <label key={column.id} data-column-id={column.id}>
                <input
                  type="checkbox"
                  checked={isColumnVisible(state, column)}
                  onChange={() => onChange(toggleColumn(state, column))}
                />
                {columnLabel(column, trans)}
              </label>
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}
