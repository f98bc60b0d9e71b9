import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IExperiment } from '../api';
import { ExperimentsState } from '../models/experimentsModel';

/**
 * The properties of `ExperimentsList`.
 */
export interface IExperimentsListProps {
  state: ExperimentsState;
  trans: TranslationBundle;
  onRetry: () => void;
}

/**
 * Renders the list of experiments, with its loading, empty and error states in place.
 */
export function ExperimentsList(props: IExperimentsListProps): JSX.Element {
  const { state, trans, onRetry } = props;

  const items = state.kind === 'idle' ? [] : state.items;
  const isLoading = state.kind === 'idle' || state.kind === 'loading';

  return (
    <div className="jp-ChurnStudio-experimentsBody" aria-busy={isLoading}>
      {isLoading && (
        <div className="jp-ChurnStudio-muted jp-ChurnStudio-loading">
          {trans.__('Loading experiments…')}
        </div>
      )}
      {state.kind === 'error' && (
        <div className="jp-ChurnStudio-problem" role="alert">
          <p>{trans.__('Listing experiments failed: %1', state.message)}</p>
          <button className="jp-mod-styled jp-mod-accept" onClick={onRetry}>
            {trans.__('Retry')}
          </button>
        </div>
      )}
      {state.kind === 'ready' && items.length === 0 && (
        <div className="jp-ChurnStudio-muted jp-ChurnStudio-empty">
          {trans.__(
            'No experiments yet. Create one from a notebook, for example with smexperiments or the SageMaker SDK Run.'
          )}
        </div>
      )}
      {items.length > 0 && (
        <ul className="jp-ChurnStudio-experimentList" aria-label={trans.__('Experiments')}>
          {items.map(experiment => (
            <ExperimentItem key={experiment.name} experiment={experiment} trans={trans} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ExperimentItem(props: { experiment: IExperiment; trans: TranslationBundle }): JSX.Element {
  const { experiment, trans } = props;

  const displayName = experiment.displayName || experiment.name;
  const lastModified = experiment.lastModified ? new Date(experiment.lastModified) : null;

  return (
    <li className="jp-ChurnStudio-experiment" data-experiment-name={experiment.name} title={experiment.arn}>
      <div className="jp-ChurnStudio-experimentTitle">
        <span className="jp-ChurnStudio-experimentDisplayName">{displayName}</span>
        {displayName !== experiment.name && (
          <span className="jp-ChurnStudio-experimentName">{experiment.name}</span>
        )}
      </div>
      <div className="jp-ChurnStudio-experimentMeta">
        <span className="jp-ChurnStudio-trialCount">
          {trans._n('%1 trial', '%1 trials', experiment.trialCount)}
        </span>
        {lastModified && (
          <span className="jp-ChurnStudio-lastModified" title={Time.format(lastModified)}>
            {trans.__('modified %1', Time.formatHuman(lastModified))}
          </span>
        )}
      </div>
    </li>
  );
}
