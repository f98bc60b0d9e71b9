/**
 * The command ids of endpoints.
 */
export namespace EndpointCommandIDs {
  export const openEndpoints = 'churn-studio:open-endpoints';

  export const refreshEndpoints = 'churn-studio:refresh-endpoints';

  /**
   * Opens the Deploy model dialog. Args: `{name}` of a trial component; without it, the trial
   * component whose row the context menu opened on.
   */
  export const deployModel = 'churn-studio:deploy-model';

  /**
   * Opens an endpoint's details. Args: `{name}`.
   */
  export const openEndpointDetails = 'churn-studio:open-endpoint-details';

  /**
   * Deletes an endpoint after a confirmation. Args: `{name}`; without it, the right-clicked row.
   */
  export const deleteEndpoint = 'churn-studio:delete-endpoint';
}
