/**
 * @jest-environment jsdom
 */
// The widgets render with react-dom into jsdom, and JupyterLab's Time helpers read `document`.
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';

import { ExperimentsState } from '../models/experimentsModel';
import { ExperimentsList } from '../widgets/ExperimentsList';
import { experiment } from './experimentFixtures';
import { renderHtml } from './renderHtml';

const trans = nullTranslator.load('churn_studio_ext');

function render(state: ExperimentsState): string {
  return renderHtml(
    <ExperimentsList state={state} trans={trans} onRetry={() => undefined} />
  );
}

describe('ExperimentsList', () => {
  it('shows loading before the first reply', () => {
    const html = render({ kind: 'idle' });

    expect(html).toContain('Loading experiments…');
    expect(html).toContain('aria-busy="true"');
  });

  it('explains an empty backend', () => {
    const html = render({ kind: 'ready', items: [] });

    expect(html).toContain('No experiments yet.');
    expect(html).not.toContain('<ul');
  });

  it('shows the error with a retry button', () => {
    const html = render({ kind: 'error', items: [], message: 'Store locked', status: 503 });

    expect(html).toContain('Listing experiments failed: Store locked');
    expect(html).toContain('>Retry</button>');
  });

  it('says when a search matches nothing', () => {
    const html = renderHtml(
      <ExperimentsList state={{ kind: 'ready', items: [] }} query="xyz" trans={trans} onRetry={() => undefined} />
    );

    expect(html).toContain('No experiments match "xyz".');
    expect(html).not.toContain('No experiments yet.');
  });

  it('renders the tree below the notice', () => {
    const html = renderHtml(
      <ExperimentsList state={{ kind: 'loading', items: [experiment('kept', 'Kept', 0)] }} trans={trans} onRetry={() => undefined}>
        <div className="tree-stand-in" />
      </ExperimentsList>
    );

    expect(html).toContain('Loading experiments…');
    expect(html).toContain('class="tree-stand-in"');
  });
});
