/**
 * The command ids of the extension.
 */
export namespace CommandIDs {
  export const openExperiments = 'churn-studio:open-experiments';

  export const refreshExperiments = 'churn-studio:refresh-experiments';

  /**
   * Opens the Trial components list. Args: the list's view state (`scope`, `columns`, `sort`,
   * `filters`) and the widget `id` of a restored list, each optional.
   */
  export const openTrialComponents = 'churn-studio:open-trial-components';

  /**
   * Opens the list scoped to the experiments, trials or unassigned node selected in the tree.
   */
  export const openInTrialComponentList = 'churn-studio:open-in-trial-component-list';

  /**
   * Opens the right-clicked trial component, of the tree or the list, in its details view.
   */
  export const openInTrialDetails = 'churn-studio:open-in-trial-details';

  /**
   * Opens the details of one trial component. Args: `{name}`. The details plugin registers it.
   */
  export const openTrialComponentDetails = 'churn-studio:open-trial-component-details';

  /**
   * Charts trial components. Args: `{names: string[]}`. The chart plugin registers it.
   */
  export const addChart = 'churn-studio:add-chart';
}
