import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { ITrial, ITrialComponentPage, ITrialComponentQuery } from '../api';
import { ITrialComponentScope } from '../list/scope';
import { ExperimentsModel } from '../models/experimentsModel';
import {
  ChildrenState,
  experimentNode,
  ITreeNode,
  trialComponentNode,
  trialNode,
  unassignedNode
} from './treeNodes';

/**
 * The source of trials and trial components. The app passes `ChurnStudioApi`, and tests pass a
 * fake.
 */
export interface ITreeSource {
  listTrials(experiment: string): Promise<ITrial[]>;
  listTrialComponents(query: ITrialComponentQuery): Promise<ITrialComponentPage>;
}

/**
 * One visible row of the tree: a node and its depth, root nodes at depth 0.
 */
export interface ITreeRow {
  node: ITreeNode;
  depth: number;
}

/**
 * The Experiments tree: experiment › trial › trial component, plus the unassigned trial
 * components. Children are fetched when a node is first expanded.
 *
 * The root experiments come from an `ExperimentsModel`, which owns the search query and the
 * automatic refresh. The selection contains nodes of one kind only, because "Open in trial component
 * list" scopes the list to experiments or to trials, not to a mix of both.
 */
export class ExperimentTreeModel implements IDisposable {
  constructor(options: ExperimentTreeModel.IOptions) {
    this.experiments = options.experiments;
    this._source = options.source;
    this._unassignedLabel = options.unassignedLabel;
    this._maxComponents = options.maxComponentsPerNode ?? 500;
    this.experiments.stateChanged.connect(this._onExperimentsChanged, this);
  }

  /**
   * The root experiments, their search query and their loading state.
   */
  readonly experiments: ExperimentsModel;

  /**
   * Emitted after any change of nodes, children, expansion or selection.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * The root nodes: the experiments of the last refresh, then the unassigned node.
   */
  get roots(): ITreeNode[] {
    const nodes = this.experiments.items.map(experimentNode);
    nodes.push(unassignedNode(this._unassignedLabel));
    return nodes;
  }

  /**
   * The rows a person sees: roots and the children of expanded nodes, depth first.
   */
  get rows(): ITreeRow[] {
    const rows: ITreeRow[] = [];
    const visit = (nodes: ITreeNode[], depth: number): void => {
      for (const node of nodes) {
        rows.push({ node, depth });
        if (this._expanded.has(node.id)) {
          visit(this._children.get(node.id)?.children ?? [], depth + 1);
        }
      }
    };
    visit(this.roots, 0);
    return rows;
  }

  /**
   * Returns the children state of an expanded or once-expanded node, or null.
   */
  childrenState(id: string): ChildrenState | null {
    return this._children.get(id) ?? null;
  }

  /**
   * Returns the visible node with this id, or null.
   */
  findNode(id: string): ITreeNode | null {
    return this.rows.find(row => row.node.id === id)?.node ?? null;
  }

  isExpanded(id: string): boolean {
    return this._expanded.has(id);
  }

  /**
   * Expands or collapses a node. The first expansion fetches its children.
   */
  async toggle(node: ITreeNode): Promise<void> {
    if (node.kind === 'trialComponent') {
      return;
    }
    if (this._expanded.has(node.id)) {
      this._expanded.delete(node.id);
      this._dropHiddenSelection();
      this._changed.emit();
      return;
    }

    this._expanded.add(node.id);
    this._changed.emit();
    if (!this._children.has(node.id) || this._children.get(node.id)!.kind === 'error') {
      await this._loadChildren(node);
    }
  }

  /**
   * Fetches the children of one node again, for example after an error.
   */
  async reload(node: ITreeNode): Promise<void> {
    await this._loadChildren(node);
  }

  /**
   * Lists the root experiments again and fetches the children of every expanded node again.
   */
  async refresh(): Promise<void> {
    await this.experiments.refresh();
    const expanded = this.rows.filter(row => this._expanded.has(row.node.id));
    await Promise.all(expanded.map(row => this._loadChildren(row.node)));
  }

  /**
   * The ids of the selected nodes, in the order they were selected.
   */
  get selectedIds(): string[] {
    return [...this._selected];
  }

  /**
   * The selected nodes that are visible, in tree order.
   */
  get selectedNodes(): ITreeNode[] {
    return this.rows.map(row => row.node).filter(node => this._selected.has(node.id));
  }

  /**
   * Updates the selection after a click on a node.
   *
   * A plain click selects only that node. `toggle` (ctrl or cmd) adds or removes it, and `range`
   * (shift) selects the visible nodes of its kind from the last clicked node to it. A node of
   * another kind than the current selection replaces the selection.
   */
  select(id: string, mode: 'replace' | 'toggle' | 'range' = 'replace'): void {
    const rows = this.rows;
    const node = rows.find(row => row.node.id === id)?.node;
    if (!node) {
      return;
    }
    const selectedKind = this.selectedNodes[0]?.kind ?? null;
    if (selectedKind !== null && selectedKind !== node.kind) {
      mode = 'replace';
    }

    if (mode === 'toggle') {
      if (this._selected.has(id)) {
        this._selected.delete(id);
      } else {
        this._selected.add(id);
      }
      this._anchor = id;
    } else if (mode === 'range' && this._anchor !== null) {
      const ids = rows.map(row => row.node.id);
      const from = ids.indexOf(this._anchor);
      const to = ids.indexOf(id);
      if (from < 0) {
        this._selected = new Set([id]);
        this._anchor = id;
      } else {
        const [start, end] = from <= to ? [from, to] : [to, from];
        this._selected = new Set(
          rows
            .slice(start, end + 1)
            .filter(row => row.node.kind === node.kind)
            .map(row => row.node.id)
        );
      }
    } else {
      this._selected = new Set([id]);
      this._anchor = id;
    }
    this._changed.emit();
  }

  /**
   * Selects the right-clicked node unless it is already selected, as file browsers do.
   */
  selectForContextMenu(id: string): void {
    if (!this._selected.has(id)) {
      this.select(id, 'replace');
    }
  }

  clearSelection(): void {
    this._selected.clear();
    this._anchor = null;
    this._changed.emit();
  }

  /**
   * The trial component list scope of the selection, or null when the selection is empty or
   * contains trial components.
   */
  selectionScope(): ITrialComponentScope | null {
    const nodes = this.selectedNodes;
    if (nodes.length === 0) {
      return null;
    }
    switch (nodes[0].kind) {
      case 'experiment':
        return { experiments: nodes.map(node => node.name), trials: [], unassigned: false };
      case 'trial':
        return { experiments: [], trials: nodes.map(node => node.name), unassigned: false };
      case 'unassigned':
        return { experiments: [], trials: [], unassigned: true };
      default:
        return null;
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this.experiments.stateChanged.disconnect(this._onExperimentsChanged, this);
    Signal.clearData(this);
  }

  private async _loadChildren(node: ITreeNode): Promise<void> {
    const request = (this._requests.get(node.id) ?? 0) + 1;
    this._requests.set(node.id, request);
    const previous = this._children.get(node.id)?.children ?? [];
    this._children.set(node.id, { kind: 'loading', children: previous });
    this._changed.emit();

    let state: ChildrenState;
    try {
      state = await this._fetchChildren(node);
    } catch (error) {
      state = { kind: 'error', children: previous, message: (error as Error).message };
    }

    if (this._isDisposed || this._requests.get(node.id) !== request) {
      return;
    }
    this._children.set(node.id, state);
    this._dropHiddenSelection();
    this._changed.emit();
  }

  private async _fetchChildren(node: ITreeNode): Promise<ChildrenState> {
    if (node.kind === 'experiment') {
      const trials = await this._source.listTrials(node.name);
      const children = trials.map(trial => trialNode(trial, node.id));
      return { kind: 'ready', children, truncated: false };
    }

    const query: ITrialComponentQuery =
      node.kind === 'unassigned' ? { unassigned: true } : { trial: node.name };
    query.sort = 'CreationTime';
    query.order = 'asc';
    query.limit = 100;

    const children: ITreeNode[] = [];
    let cursor: string | null = null;
    do {
      const page: ITrialComponentPage = await this._source.listTrialComponents({ ...query, cursor });
      children.push(...page.items.map(row => trialComponentNode(row, node)));
      cursor = page.nextCursor;
    } while (cursor && children.length < this._maxComponents);

    return {
      kind: 'ready',
      children: children.slice(0, this._maxComponents),
      truncated: cursor !== null || children.length > this._maxComponents
    };
  }

  /**
   * Drops selected nodes that a collapse, a refresh or a search hid.
   */
  private _dropHiddenSelection(): void {
    if (this._selected.size === 0) {
      return;
    }
    const visible = new Set(this.rows.map(row => row.node.id));
    for (const id of [...this._selected]) {
      if (!visible.has(id)) {
        this._selected.delete(id);
      }
    }
  }

  private _onExperimentsChanged(): void {
    this._dropHiddenSelection();
    this._changed.emit();
  }

  private _source: ITreeSource;
  private _unassignedLabel: string;
  private _maxComponents: number;
  private _children = new Map<string, ChildrenState>();
  private _requests = new Map<string, number>();
  private _expanded = new Set<string>();
  private _selected = new Set<string>();
  private _anchor: string | null = null;
  private _changed = new Signal<this, void>(this);
  private _isDisposed = false;
}

/**
 * The namespace for `ExperimentTreeModel` statics.
 */
export namespace ExperimentTreeModel {
  /**
   * The options to create an `ExperimentTreeModel`.
   */
  export interface IOptions {
    experiments: ExperimentsModel;
    source: ITreeSource;
    /**
     * The translated label of the unassigned trial components node.
     */
    unassignedLabel: string;
    /**
     * The maximum number of trial components listed below one node. The default is 500.
     */
    maxComponentsPerNode?: number;
  }
}
