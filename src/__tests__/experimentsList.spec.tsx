/**
 * @jest-environment jsdom
 */
// The widgets render with react-dom into jsdom, and JupyterLab's Time helpers read `document`.
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';

import { IExperiment } from '../api';
import { ExperimentsState } from '../models/experimentsModel';
import { ExperimentsList } from '../widgets/ExperimentsList';
import { renderHtml } from './renderHtml';

const trans = nullTranslator.load('churn_studio_ext');

function experiment(name: string, displayName: string, trialCount: number): IExperiment {
  return {
    name,
    displayName,
    arn: `arn:aws:sagemaker:local:000000000000:experiment/${name}`,
    description: null,
    created: '2026-12-04T20:31:05.123000+00:00',
    lastModified: '2026-12-04T20:31:05.123000+00:00',
    trialCount
  };
}

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
