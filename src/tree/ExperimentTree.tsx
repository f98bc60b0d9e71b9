import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { selectionMode } from '../widgets/selectionMode';
import { TruncatedName } from '../widgets/TruncatedName';
import { ExperimentTreeModel, ITreeRow } from './experimentTreeModel';
import { ITreeNode } from './treeNodes';

/**
 * The properties of `ExperimentTree`.
 */
export interface IExperimentTreeProps {
  model: ExperimentTreeModel;
  trans: TranslationBundle;
  /**
   * Called on a double click on a trial component.
   */
  onOpenTrialComponent: (node: ITreeNode) => void;
}

/**
 * The pixels each tree level is indented by.
 */
const INDENT = 12;

/**
 * Renders the Experiments tree with Name, Status and Last modified columns.
 *
 * Each row carries `data-node-kind`, `data-node-id` and the names of its experiment, trial and
 * trial component, so the context menus declared in the settings schema match on them.
 */
export function ExperimentTree(props: IExperimentTreeProps): JSX.Element {
  const { model, trans } = props;
  const rows = model.rows;

  return (
    <div className="jp-ChurnStudio-tree" role="tree" aria-multiselectable={true} aria-label={trans.__('Experiments')}>
      <div className="jp-ChurnStudio-treeHeading" aria-hidden={true}>
        <span className="jp-ChurnStudio-treeName">{trans.__('Name')}</span>
        <span className="jp-ChurnStudio-treeStatus">{trans.__('Status')}</span>
        <span className="jp-ChurnStudio-treeModified">{trans.__('Last modified')}</span>
      </div>
      {rows.map(row => (
        <React.Fragment key={row.node.id}>
          <TreeRow row={row} {...props} />
          <ChildrenNotice row={row} {...props} />
        </React.Fragment>
      ))}
    </div>
  );
}

function TreeRow(props: IExperimentTreeProps & { row: ITreeRow }): JSX.Element {
  const { model, trans, row } = props;
  const { node, depth } = row;

  const expandable = node.kind !== 'trialComponent';
  const expanded = model.isExpanded(node.id);
  const selected = model.selectedIds.includes(node.id);
  const lastModified = node.lastModified ? new Date(node.lastModified) : null;

  const onClick = (event: React.MouseEvent): void => {
    model.select(node.id, selectionMode(event));
  };
  const onDoubleClick = (): void => {
    if (node.kind === 'trialComponent') {
      props.onOpenTrialComponent(node);
    } else {
      void model.toggle(node);
    }
  };
  const onCaretClick = (event: React.MouseEvent): void => {
    event.stopPropagation();
    void model.toggle(node);
  };
  const onContextMenu = (): void => {
    model.selectForContextMenu(node.id);
  };
  const onKeyDown = (event: React.KeyboardEvent): void => {
    if (event.key === 'Enter') {
      onDoubleClick();
    } else if (event.key === ' ') {
      event.preventDefault();
      model.select(node.id, event.ctrlKey || event.metaKey ? 'toggle' : 'replace');
    }
  };

  const classes = ['jp-ChurnStudio-treeRow'];
  if (selected) {
    classes.push('jp-mod-selected');
  }

  return (
    <div
      className={classes.join(' ')}
      role="treeitem"
      tabIndex={0}
      aria-level={depth + 1}
      aria-selected={selected}
      aria-expanded={expandable ? expanded : undefined}
      data-node-kind={node.kind}
      data-node-id={node.id}
      data-experiment-name={node.kind === 'experiment' ? node.name : undefined}
      data-trial-name={node.kind === 'trial' ? node.name : undefined}
      data-trial-component-name={node.kind === 'trialComponent' ? node.name : undefined}
      title={lastModified ? trans.__('%1, last modified %2', node.name, Time.format(lastModified)) : node.name}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      onContextMenu={onContextMenu}
      onKeyDown={onKeyDown}
    >
      <span className="jp-ChurnStudio-treeName" style={{ paddingLeft: depth * INDENT }}>
        {expandable ? (
          <span
            className="jp-ChurnStudio-treeCaret"
            role="button"
            aria-label={expanded ? trans.__('Collapse') : trans.__('Expand')}
            onClick={onCaretClick}
          >
            {/* Text triangles keep this module free of ui-components, which Jest cannot load. */}
            {expanded ? '▾' : '▸'}
          </span>
        ) : (
          <span className="jp-ChurnStudio-treeCaret" />
        )}
        <NodeLabel node={node} trans={trans} />
      </span>
      <span className="jp-ChurnStudio-treeStatus">{node.status ?? ''}</span>
      <span
        className="jp-ChurnStudio-treeModified jp-ChurnStudio-lastModified"
        title={lastModified ? Time.format(lastModified) : undefined}
      >
        {lastModified ? Time.formatHuman(lastModified, 'narrow') : ''}
      </span>
    </div>
  );
}

function NodeLabel(props: { node: ITreeNode; trans: TranslationBundle }): JSX.Element {
  const { node, trans } = props;

  if (node.kind === 'experiment') {
    return (
      <span className="jp-ChurnStudio-treeLabel jp-mod-twoLines">
        <TruncatedName className="jp-ChurnStudio-experimentDisplayName" name={node.displayName} tooltip={null} />
        <span className="jp-ChurnStudio-treeSubtitle">
          {node.displayName !== node.name && (
            <span className="jp-ChurnStudio-experimentName">{node.name}</span>
          )}
          <span className="jp-ChurnStudio-trialCount">
            {trans._n('%1 trial', '%1 trials', node.childCount ?? 0)}
          </span>
        </span>
      </span>
    );
  }
  if (node.kind === 'unassigned') {
    return (
      <span className="jp-ChurnStudio-treeLabel jp-ChurnStudio-treeUnassigned">
        <span title={node.displayName}>{node.displayName}</span>
      </span>
    );
  }
  return (
    <span className="jp-ChurnStudio-treeLabel">
      <TruncatedName className="jp-ChurnStudio-nodeDisplayName" name={node.displayName} tooltip={null} />
    </span>
  );
}

/**
 * Renders the loading, error, empty or truncated notice below an expanded node.
 */
function ChildrenNotice(props: IExperimentTreeProps & { row: ITreeRow }): JSX.Element | null {
  const { model, trans, row } = props;
  if (!model.isExpanded(row.node.id)) {
    return null;
  }
  const state = model.childrenState(row.node.id);
  const style = { paddingLeft: (row.depth + 1) * INDENT + 20 };

  if (state === null || (state.kind === 'loading' && state.children.length === 0)) {
    return (
      <div className="jp-ChurnStudio-treeNotice jp-ChurnStudio-muted" style={style} aria-busy={true}>
        {trans.__('Loading…')}
      </div>
    );
  }
  if (state.kind === 'error') {
    return (
      <div className="jp-ChurnStudio-treeNotice jp-ChurnStudio-problem" style={style} role="alert">
        {trans.__('Loading failed: %1', state.message)}{' '}
        <button className="jp-mod-styled jp-mod-accept" onClick={() => void model.reload(row.node)}>
          {trans.__('Retry')}
        </button>
      </div>
    );
  }
  if (state.kind === 'ready' && state.children.length === 0) {
    const text =
      row.node.kind === 'experiment' ? trans.__('No trials') : trans.__('No trial components');
    return (
      <div className="jp-ChurnStudio-treeNotice jp-ChurnStudio-muted" style={style}>
        {text}
      </div>
    );
  }
  if (state.kind === 'ready' && state.truncated) {
    return (
      <div className="jp-ChurnStudio-treeNotice jp-ChurnStudio-muted" style={style}>
        {trans.__(
          'Showing the first %1. Open the trial component list for all of them.',
          state.children.length
        )}
      </div>
    );
  }
  return null;
}
