/**
 * The command ids of the Trial component details widget.
 */
export namespace CommandIDs {
  /**
   * Opens the details of one trial component. Arguments: `{name: string}`.
   */
  export const openTrialComponentDetails = 'churn-studio:open-trial-component-details';
}
