/**
 * @jest-environment jsdom
 */
// The tree renders with react-dom into jsdom, and JupyterLab's Time helpers read `document`.
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';

import { IExperiment } from '../api';
import { ExperimentsModel } from '../models/experimentsModel';
import { ExperimentTree } from '../tree/ExperimentTree';
import { ExperimentTreeModel } from '../tree/experimentTreeModel';
import { experiment } from './experimentFixtures';
import { renderHtml } from './renderHtml';

const trans = nullTranslator.load('churn_studio_ext');

async function render(experiments: IExperiment[]): Promise<string> {
  const source = {
    listExperiments: () => Promise.resolve(experiments),
    listTrials: () => Promise.resolve([]),
    listTrialComponents: () => Promise.reject(new Error('not used'))
  };
  const tree = new ExperimentTreeModel({
    experiments: new ExperimentsModel({ source }),
    source,
    unassignedLabel: 'Unassigned trial components'
  });
  await tree.refresh();
  tree.select('experiment:churn-xgboost');
  await tree.toggle(tree.findNode('experiment:same')!);

  return renderHtml(<ExperimentTree model={tree} trans={trans} onOpenTrialComponent={() => undefined} />);
}

describe('ExperimentTree', () => {
  it('renders names and trial counts', async () => {
    const html = await render([experiment('churn-xgboost', 'Churn-XGBoost', 1), experiment('same', 'same', 3)]);

    expect(html).toContain('data-experiment-name="churn-xgboost"');
    expect(html).toContain('>Churn-XGBoost</span>');
    expect(html).toContain('>churn-xgboost</span>');
    expect(html).toContain('>1 trial</span>');
    expect(html).toContain('>3 trials</span>');
    // The name is not repeated when it equals the display name.
    expect(html.match(/>same<\/span>/g)).toHaveLength(1);
  });

  it('marks kinds for the context menus', async () => {
    const html = await render([experiment('churn-xgboost', 'Churn-XGBoost', 1), experiment('same', 'same', 0)]);

    expect(html).toContain('data-node-kind="experiment"');
    expect(html).toContain('data-node-kind="unassigned"');
    expect(html).toContain('>Unassigned trial components</span>');
  });

  it('shows selection, expansion and empty children', async () => {
    const html = await render([experiment('churn-xgboost', 'Churn-XGBoost', 1), experiment('same', 'same', 0)]);

    expect(html).toMatch(/class="jp-ChurnStudio-treeRow jp-mod-selected"[^>]*aria-selected="true"[^>]*data-node-id="experiment:churn-xgboost"/);
    expect(html).toMatch(/aria-expanded="true"[^>]*data-node-id="experiment:same"/);
    expect(html).toContain('No trials');
  });
});
