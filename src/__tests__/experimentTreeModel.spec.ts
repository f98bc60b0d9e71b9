import { IExperiment, ITrial, ITrialComponentPage, ITrialComponentQuery } from '../api';
import { ExperimentsModel } from '../models/experimentsModel';
import { ExperimentTreeModel } from '../tree/experimentTreeModel';
import { row, settle } from './trialComponentFixtures';

function experiment(name: string, trialCount: number): IExperiment {
  return {
    name,
    displayName: name,
    arn: `arn:aws:sagemaker:local:000000000000:experiment/${name}`,
    description: null,
    created: null,
    lastModified: '2026-12-04T20:31:05.123000+00:00',
    trialCount
  };
}

function trial(name: string, experimentName: string): ITrial {
  return {
    name,
    displayName: name,
    arn: `arn:aws:sagemaker:local:000000000000:experiment-trial/${name}`,
    experimentName,
    created: null,
    lastModified: null,
    trialComponentCount: 2
  };
}

/**
 * A source with two experiments, two trials in `churn-tour`, and trial components that come in
 * pages of two.
 */
class TreeSource {
  trialRequests: string[] = [];
  componentQueries: ITrialComponentQuery[] = [];
  failTrials = false;

  listExperiments(): Promise<IExperiment[]> {
    return Promise.resolve([experiment('churn-tour', 2), experiment('other', 0)]);
  }

  listTrials(name: string): Promise<ITrial[]> {
    this.trialRequests.push(name);
    if (this.failTrials) {
      return Promise.reject(new Error('Store locked'));
    }
    return Promise.resolve(name === 'churn-tour' ? [trial('trial-a', name), trial('trial-b', name)] : []);
  }

  listTrialComponents(query: ITrialComponentQuery): Promise<ITrialComponentPage> {
    this.componentQueries.push(query);
    const prefix = query.unassigned ? 'loose' : query.trial;
    const names = query.cursor ? [`${prefix}-3`] : [`${prefix}-1`, `${prefix}-2`];
    return Promise.resolve({
      items: names.map(name => row(name, { status: 'Completed' })),
      total: 3,
      totalRelation: 'EqualTo',
      nextCursor: query.cursor ? null : 'next',
      parameterNames: [],
      metricNames: []
    });
  }
}

async function createTree(source = new TreeSource(), maxComponentsPerNode?: number) {
  const experiments = new ExperimentsModel({ source });
  const tree = new ExperimentTreeModel({
    experiments,
    source,
    unassignedLabel: 'Unassigned trial components',
    maxComponentsPerNode
  });
  await tree.refresh();
  return { tree, source };
}

const node = (tree: ExperimentTreeModel, id: string) => tree.findNode(id)!;

describe('ExperimentTreeModel', () => {
  it('lists experiments then the unassigned node', async () => {
    const { tree } = await createTree();

    expect(tree.rows.map(item => item.node.id)).toEqual([
      'experiment:churn-tour',
      'experiment:other',
      'unassigned'
    ]);
  });

  it('fetches trials on first expand only', async () => {
    const { tree, source } = await createTree();

    await tree.toggle(node(tree, 'experiment:churn-tour'));
    await tree.toggle(node(tree, 'experiment:churn-tour'));
    await tree.toggle(node(tree, 'experiment:churn-tour'));

    expect(source.trialRequests).toEqual(['churn-tour']);
    expect(tree.rows.map(item => `${item.depth} ${item.node.name}`)).toEqual([
      '0 churn-tour',
      '1 trial-a',
      '1 trial-b',
      '0 other',
      '0 unassigned'
    ]);
  });

  it('lists a trial components over all pages', async () => {
    const { tree, source } = await createTree();
    await tree.toggle(node(tree, 'experiment:churn-tour'));

    await tree.toggle(node(tree, 'trial:trial-a'));

    expect(source.componentQueries.map(query => [query.trial, query.cursor ?? null])).toEqual([
      ['trial-a', null],
      ['trial-a', 'next']
    ]);
    const components = tree.rows.filter(item => item.node.kind === 'trialComponent');
    expect(components.map(item => item.node.name)).toEqual(['trial-a-1', 'trial-a-2', 'trial-a-3']);
    expect(components[0].depth).toBe(2);
    expect(components[0].node.status).toBe('Completed');
    expect(components[0].node.experimentName).toBe('churn-tour');
  });

  it('marks a node with too many components', async () => {
    const { tree } = await createTree(new TreeSource(), 2);

    await tree.toggle(node(tree, 'unassigned'));

    expect(tree.childrenState('unassigned')).toMatchObject({ kind: 'ready', truncated: true });
    expect(tree.childrenState('unassigned')!.children.map(child => child.name)).toEqual(['loose-1', 'loose-2']);
  });

  it('keeps an error on the node and retries', async () => {
    const source = new TreeSource();
    source.failTrials = true;
    const { tree } = await createTree(source);

    await tree.toggle(node(tree, 'experiment:churn-tour'));
    expect(tree.childrenState('experiment:churn-tour')).toEqual({
      kind: 'error',
      children: [],
      message: 'Store locked'
    });

    source.failTrials = false;
    await tree.reload(node(tree, 'experiment:churn-tour'));
    expect(tree.childrenState('experiment:churn-tour')?.kind).toBe('ready');
  });

  it('selects nodes of one kind only', async () => {
    const { tree } = await createTree();
    await tree.toggle(node(tree, 'experiment:churn-tour'));

    tree.select('experiment:churn-tour');
    tree.select('experiment:other', 'toggle');
    expect(tree.selectedIds).toEqual(['experiment:churn-tour', 'experiment:other']);

    tree.select('trial:trial-a', 'toggle');
    expect(tree.selectedIds).toEqual(['trial:trial-a']);
  });

  it('selects a range of the same kind', async () => {
    const { tree } = await createTree();
    await tree.toggle(node(tree, 'experiment:churn-tour'));

    tree.select('experiment:churn-tour');
    tree.select('experiment:other', 'range');

    expect(tree.selectedIds).toEqual(['experiment:churn-tour', 'experiment:other']);
  });

  it('scopes the list to the selection', async () => {
    const { tree } = await createTree();
    await tree.toggle(node(tree, 'experiment:churn-tour'));

    tree.select('experiment:other');
    tree.select('experiment:churn-tour', 'toggle');
    expect(tree.selectionScope()).toEqual({ experiments: ['churn-tour', 'other'], trials: [], unassigned: false });

    tree.select('trial:trial-b');
    expect(tree.selectionScope()).toEqual({ experiments: [], trials: ['trial-b'], unassigned: false });

    tree.select('unassigned');
    expect(tree.selectionScope()).toEqual({ experiments: [], trials: [], unassigned: true });
  });

  it('has no list scope for trial components', async () => {
    const { tree } = await createTree();
    await tree.toggle(node(tree, 'unassigned'));

    tree.select('unassigned/trial-component:loose-1');

    expect(tree.selectionScope()).toBeNull();
  });

  it('keeps the selection on right click', async () => {
    const { tree } = await createTree();
    tree.select('experiment:churn-tour');
    tree.select('experiment:other', 'toggle');

    tree.selectForContextMenu('experiment:other');
    expect(tree.selectedIds).toHaveLength(2);

    tree.selectForContextMenu('unassigned');
    expect(tree.selectedIds).toEqual(['unassigned']);
  });

  it('drops the selection that a collapse hides', async () => {
    const { tree } = await createTree();
    await tree.toggle(node(tree, 'experiment:churn-tour'));
    tree.select('trial:trial-a');

    await tree.toggle(node(tree, 'experiment:churn-tour'));
    await settle();

    expect(tree.selectedIds).toEqual([]);
  });
});
