/**
 * The command ids of the Chart widget.
 */
export namespace CommandIDs {
  /**
   * Opens a Chart of trial components. Arguments: `{names: string[]}`, the trial component names.
   */
  export const addChart = 'churn-studio:add-chart';
}
