import { IExperiment, ITrial, ITrialComponentRow } from '../api';

/**
 * The kinds of node in the Experiments tree. `unassigned` is the node that contains the trial
 * components that belong to no trial.
 */
export type TreeNodeKind = 'experiment' | 'trial' | 'trialComponent' | 'unassigned';

/**
 * One node of the Experiments tree.
 *
 * `id` is unique in the tree. A trial component can belong to several trials, so its id contains
 * the parent's id.
 */
export interface ITreeNode {
  id: string;
  kind: TreeNodeKind;
  name: string;
  displayName: string;
  parentId: string | null;
  status: string | null;
  lastModified: string | null;
  /**
   * The experiment of a trial, or the experiment of a trial component's parent trial.
   */
  experimentName: string | null;
  /**
   * The trial of a trial component, or null under the unassigned node.
   */
  trialName: string | null;
  /**
   * The number of children the server reported, shown before they are fetched.
   */
  childCount: number | null;
}

/**
 * The children of one expanded node: a request in flight, the list, or an error.
 *
 * `truncated` is true when the node has more trial components than the tree lists.
 */
export type ChildrenState =
  | { kind: 'loading'; children: ITreeNode[] }
  | { kind: 'ready'; children: ITreeNode[]; truncated: boolean }
  | { kind: 'error'; children: ITreeNode[]; message: string };

/**
 * The id of the unassigned trial components node.
 */
export const UNASSIGNED_NODE_ID = 'unassigned';

/**
 * Builds the node of an experiment.
 */
export function experimentNode(experiment: IExperiment): ITreeNode {
  return {
    id: `experiment:${experiment.name}`,
    kind: 'experiment',
    name: experiment.name,
    displayName: experiment.displayName || experiment.name,
    parentId: null,
    status: null,
    lastModified: experiment.lastModified,
    experimentName: experiment.name,
    trialName: null,
    childCount: experiment.trialCount
  };
}

/**
 * Builds the node of a trial below its experiment's node.
 */
export function trialNode(trial: ITrial, parentId: string): ITreeNode {
  return {
    id: `trial:${trial.name}`,
    kind: 'trial',
    name: trial.name,
    displayName: trial.displayName || trial.name,
    parentId,
    status: null,
    lastModified: trial.lastModified,
    experimentName: trial.experimentName,
    trialName: trial.name,
    childCount: trial.trialComponentCount
  };
}

/**
 * Builds the node of a trial component below a trial's node or the unassigned node.
 */
export function trialComponentNode(row: ITrialComponentRow, parent: ITreeNode): ITreeNode {
  return {
    id: `${parent.id}/trial-component:${row.name}`,
    kind: 'trialComponent',
    name: row.name,
    displayName: row.displayName || row.name,
    parentId: parent.id,
    status: row.status,
    lastModified: row.lastModified,
    experimentName: parent.experimentName,
    trialName: parent.kind === 'trial' ? parent.name : null,
    childCount: null
  };
}

/**
 * Builds the unassigned trial components node, which is listed after the experiments.
 */
export function unassignedNode(displayName: string): ITreeNode {
  return {
    id: UNASSIGNED_NODE_ID,
    kind: 'unassigned',
    name: UNASSIGNED_NODE_ID,
    displayName,
    parentId: null,
    status: null,
    lastModified: null,
    experimentName: null,
    trialName: null,
    childCount: null
  };
}
