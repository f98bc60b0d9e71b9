import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { ExperimentsState } from '../models/experimentsModel';

/**
 * The properties of `ExperimentsList`.
 */
export interface IExperimentsListProps {
  state: ExperimentsState;
  trans: TranslationBundle;
  onRetry: () => void;
  /**
   * The search text, which changes the empty notice.
   */
  query?: string;
  /**
   * The tree of experiments, rendered below the loading, empty or error notice.
   */
  children?: React.ReactNode;
}

/**
 * Renders the loading, empty and error states of the experiments list in place, then the tree.
 */
export function ExperimentsList(props: IExperimentsListProps): JSX.Element {
  const { state, trans, onRetry } = props;

  const isLoading = state.kind === 'idle' || state.kind === 'loading';
  const isEmpty = state.kind === 'ready' && state.items.length === 0;

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
      {isEmpty && props.query && (
        <div className="jp-ChurnStudio-muted jp-ChurnStudio-empty">
          {trans.__('No experiments match "%1".', props.query)}
        </div>
      )}
      {isEmpty && !props.query && (
        <div className="jp-ChurnStudio-muted jp-ChurnStudio-empty">
          {trans.__(
            'No experiments yet. Create one from a notebook, for example with smexperiments or the SageMaker SDK Run.'
          )}
        </div>
      )}
      {props.children}
    </div>
  );
}
