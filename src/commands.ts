/**
 * The command ids of the extension.
 */
export namespace CommandIDs {
  export const openExperiments = 'churn-studio:open-experiments';

  export const refreshExperiments = 'churn-studio:refresh-experiments';
}
