import {
  ITrialComponentArtifacts,
  ITrialComponentPage,
  ITrialComponentQuery
} from '../api';
import { IColumnState } from './columnState';
import { IFilterCondition } from './filters';
import { ITrialComponentScope } from './scope';

/**
 * The source of trial components. The app passes `ChurnStudioApi`, and tests pass a fake.
 */
export interface ITrialComponentsSource {
  listTrialComponents(query: ITrialComponentQuery): Promise<ITrialComponentPage>;
  getTrialComponentArtifacts(name: string): Promise<ITrialComponentArtifacts>;
}

/**
 * The sort of the list: a `sort` key of `GET trial-components` and its order.
 */
export interface ISortState {
  key: string;
  order: 'asc' | 'desc';
}

/**
 * The part of the list's state that the workspace stores: plain JSON.
 */
export interface IListViewState {
  scope: ITrialComponentScope;
  columns: IColumnState;
  sort: ISortState;
  filters: IFilterCondition[];
}

export const DEFAULT_SORT: ISortState = { key: 'CreationTime', order: 'desc' };
