import { ISearchFilter, ITrialComponentQuery } from '../api';

/**
 * The trial components a list shows: those of some experiments, of some trials, those that
 * belong to no trial, or all of them when every field is empty.
 *
 * The Experiments tree selects nodes of one kind at a time, so at most one field is set. When
 * both `experiments` and `trials` are set, a component must match both.
 */
export interface ITrialComponentScope {
  experiments: string[];
  trials: string[];
  unassigned: boolean;
}

/**
 * The scope of every trial component.
 */
export const ALL_TRIAL_COMPONENTS: ITrialComponentScope = {
  experiments: [],
  trials: [],
  unassigned: false
};

/**
 * Returns a scope with sorted, duplicate-free names, so that equal scopes compare equal.
 */
export function normalizeScope(scope: Partial<ITrialComponentScope> | undefined): ITrialComponentScope {
  const unique = (names: unknown): string[] =>
    Array.isArray(names)
      ? [...new Set(names.filter((name): name is string => typeof name === 'string' && !!name))].sort()
      : [];

  return {
    experiments: unique(scope?.experiments),
    trials: unique(scope?.trials),
    unassigned: scope?.unassigned === true
  };
}

/**
 * Returns a key that is equal for equal scopes.
 */
export function scopeKey(scope: ITrialComponentScope): string {
  return JSON.stringify(normalizeScope(scope));
}

/**
 * Translates a scope into the query parameters and extra Search filters of `GET trial-components`.
 *
 * One experiment or trial uses the `experiment` or `trial` parameter. Several use an `In` filter
 * on `Parents.ExperimentName` or `Parents.TrialName`, whose Value is a comma-separated list. That
 * is safe because SageMaker names cannot contain commas.
 */
export function scopeQuery(scope: ITrialComponentScope): {
  query: Pick<ITrialComponentQuery, 'experiment' | 'trial' | 'unassigned'>;
  filters: ISearchFilter[];
} {
  const query: Pick<ITrialComponentQuery, 'experiment' | 'trial' | 'unassigned'> = {};
  const filters: ISearchFilter[] = [];

  if (scope.unassigned) {
    query.unassigned = true;
    return { query, filters };
  }

  if (scope.experiments.length === 1) {
    query.experiment = scope.experiments[0];
  } else if (scope.experiments.length > 1) {
    filters.push({
      Name: 'Parents.ExperimentName',
      Operator: 'In',
      Value: scope.experiments.join(',')
    });
  }

  if (scope.trials.length === 1) {
    query.trial = scope.trials[0];
  } else if (scope.trials.length > 1) {
    filters.push({ Name: 'Parents.TrialName', Operator: 'In', Value: scope.trials.join(',') });
  }

  return { query, filters };
}
