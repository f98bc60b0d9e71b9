import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { selectionMode } from '../widgets/selectionMode';
import { TruncatedName } from '../widgets/TruncatedName';
import { columnLabel, formatCell } from './columnLabels';
import { IColumn } from './columns';
import { TrialComponentListModel } from './trialComponentListModel';

/**
 * The height of one row in pixels. Every row has this height, so the table can place the
 * visible rows without measuring them.
 */
export const ROW_HEIGHT = 26;

/**
 * Rows rendered above and below the visible ones, so a short scroll shows no empty rows.
 */
const OVERSCAN = 10;

/**
 * Returns a column's width in pixels. Metric labels such as `validation:error_stddev` are long.
 */
function columnWidth(column: IColumn): number {
  if (column.id === 'displayName') {
    return 300;
  }
  if (column.id === 'trial' || column.id === 'experiment') {
    return 200;
  }
  return column.group === 'metrics' ? 190 : 150;
}

/**
 * The column that stays at the left edge while the table scrolls right, so every row keeps its
 * name in view.
 */
export const PINNED_COLUMN_ID = 'displayName';

/**
 * Returns the columns in display order: the pinned name column first, then the rest in order.
 */
export function displayColumns(columns: IColumn[]): IColumn[] {
  const pinned = columns.filter(column => column.id === PINNED_COLUMN_ID);
  return [...pinned, ...columns.filter(column => column.id !== PINNED_COLUMN_ID)];
}

/**
 * The columns whose cells show names that end in their distinctive part.
 */
const NAME_COLUMN_IDS = new Set(['displayName', 'trial', 'experiment']);

function cellClassNames(base: string, column: IColumn): string {
  const classNames = [base];
  if (column.numeric) {
    classNames.push('jp-mod-numeric');
  }
  if (column.id === PINNED_COLUMN_ID) {
    classNames.push('jp-mod-pinned');
  }
  return classNames.join(' ');
}

/**
 * The properties of `TrialComponentTable`.
 */
export interface ITrialComponentTableProps {
  model: TrialComponentListModel;
  trans: TranslationBundle;
  /**
   * Called on a double click on a loaded row.
   */
  onOpen: (name: string) => void;
}

/**
 * Renders the trial component list as a grid that creates only the rows in view.
 *
 * A spacer as tall as all rows gives the scroll bar its range, and the visible rows are placed
 * absolutely at `index * ROW_HEIGHT`. The table reports the visible range to the model, which
 * fetches the missing pages.
 */
export function TrialComponentTable(props: ITrialComponentTableProps): JSX.Element {
  const { model, trans } = props;
  const scroller = React.useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = React.useState({ top: 0, height: 600 });

  const columns = displayColumns(model.visibleColumns);
  const rowCount = model.rowCount;
  const template = columns.map(column => `${columnWidth(column)}px`).join(' ');
  const width = columns.reduce((sum, column) => sum + columnWidth(column), 0);

  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN);

  // A new sort, filter or scope starts from the first row. Only the vertical scroll resets, and
  // the model keeps its columns over a re-sort, so the table keeps its width and horizontal scroll.
  const queryKey = JSON.stringify([model.sort, model.filters, model.scope]);
  React.useEffect(() => {
    if (scroller.current) {
      scroller.current.scrollTop = 0;
    }
  }, [queryKey]);

  React.useEffect(() => {
    model.setVisibleRange(
      Math.floor(viewport.top / ROW_HEIGHT),
      Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT)
    );
  }, [model, viewport.top, viewport.height, queryKey]);

  React.useEffect(() => {
    const element = scroller.current;
    if (!element) {
      return;
    }
    const observer = new ResizeObserver(() => {
      setViewport({ top: element.scrollTop, height: element.clientHeight });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = (): void => {
    const element = scroller.current;
    if (element) {
      setViewport({ top: element.scrollTop, height: element.clientHeight });
    }
  };

  const rows: JSX.Element[] = [];
  for (let index = first; index < last; index++) {
    rows.push(<TableRow key={index} index={index} columns={columns} template={template} {...props} />);
  }

  return (
    <div
      className="jp-ChurnStudio-tcTable"
      ref={scroller}
      onScroll={onScroll}
      role="grid"
      aria-rowcount={rowCount}
      aria-multiselectable={true}
      aria-label={trans.__('Trial components')}
    >
      <div className="jp-ChurnStudio-tcHeading" role="row" style={{ gridTemplateColumns: template, width }}>
        {columns.map(column => (
          <ColumnHeading key={column.id} column={column} {...props} />
        ))}
      </div>
      <div className="jp-ChurnStudio-tcBody" style={{ height: rowCount * ROW_HEIGHT, width }}>
        {rows}
      </div>
    </div>
  );
}

function ColumnHeading(props: ITrialComponentTableProps & { column: IColumn }): JSX.Element {
  const { model, trans, column } = props;
  const label = columnLabel(column, trans);
  const sorted = column.sortKey !== null && column.sortKey === model.sort.key;
  let ariaSort: 'ascending' | 'descending' | 'none' = 'none';
  if (sorted) {
    ariaSort = model.sort.order === 'asc' ? 'ascending' : 'descending';
  }

  if (column.sortKey === null) {
    const reason = unsortableReason(column, label, trans);
    return (
      <div
        className={cellClassNames('jp-ChurnStudio-tcHeadingCell jp-mod-unsortable', column)}
        role="columnheader"
        data-column-id={column.id}
        title={reason}
        aria-description={reason}
      >
        {label}
      </div>
    );
  }
  const sortKey = column.sortKey;

  return (
    <div
      className={cellClassNames('jp-ChurnStudio-tcHeadingCell jp-mod-sortable', column)}
      role="columnheader"
      aria-sort={ariaSort}
      data-column-id={column.id}
      title={trans.__('Sort by %1', label)}
      tabIndex={0}
      onClick={() => model.sortBy(sortKey)}
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          model.sortBy(sortKey);
        }
      }}
    >
      <span className="jp-ChurnStudio-tcHeadingLabel">{label}</span>
      {sorted && (
        <span className="jp-ChurnStudio-tcSortMark" aria-hidden={true}>
          {model.sort.order === 'asc' ? '▲' : '▼'}
        </span>
      )}
    </div>
  );
}

/**
 * Returns the heading's explanation of why a column has no sort.
 */
export function unsortableReason(column: IColumn, label: string, trans: TranslationBundle): string {
  if (column.group === 'tags') {
    return trans.__('%1: not sortable, because SageMaker documents tags as Search filters only. Filter by this tag instead.', label);
  }
  return trans.__('%1: not sortable, because the list sorts on the server and SageMaker Search documents no sort key for this column.', label);
}

function TableRow(
  props: ITrialComponentTableProps & { index: number; columns: IColumn[]; template: string }
): JSX.Element {
  const { model, index, columns, template } = props;
  const row = model.rowAt(index);
  const style: React.CSSProperties = { top: index * ROW_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: template };

  if (!row) {
    return (
      <div className="jp-ChurnStudio-tcRow jp-mod-placeholder" role="row" aria-rowindex={index + 2} style={style}>
        {columns.map(column => (
          <div key={column.id} className={cellClassNames('jp-ChurnStudio-tcCell', column)} role="gridcell">
            <span className="jp-ChurnStudio-tcPlaceholder" />
          </div>
        ))}
      </div>
    );
  }

  const selected = model.isSelected(row.name);
  const classes = ['jp-ChurnStudio-tcRow'];
  if (selected) {
    classes.push('jp-mod-selected');
  }
  const onClick = (event: React.MouseEvent): void => {
    const mode = selectionMode(event);
    if (event.shiftKey) {
      // Shift-click would also select the page's text.
      window.getSelection()?.removeAllRanges();
    }
    model.select(index, mode);
  };

  return (
    <div
      className={classes.join(' ')}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-trial-component-name={row.name}
      data-status={row.status ?? undefined}
      style={style}
      onClick={onClick}
      onDoubleClick={() => props.onOpen(row.name)}
      onContextMenu={() => model.selectForContextMenu(index)}
    >
      {columns.map(column => {
        const text = formatCell(column, column.value(row));
        const className = cellClassNames('jp-ChurnStudio-tcCell', column);
        if (NAME_COLUMN_IDS.has(column.id)) {
          return (
            <div key={column.id} className={className} role="gridcell" data-column-id={column.id}>
              <TruncatedName name={text} />
            </div>
          );
        }
        return (
          <div key={column.id} className={className} role="gridcell" data-column-id={column.id} title={text}>
            {text}
          </div>
        );
      })}
    </div>
  );
}
