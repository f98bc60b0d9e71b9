import { LabIcon } from '@jupyterlab/ui-components';

import endpointsSvg from '../../style/icons/endpoints.svg';

/**
 * The icon of the Endpoints sidebar: a model fanning out to serving instances.
 */
export const endpointsIcon = new LabIcon({
  name: 'churn-studio-ext:endpoints',
  svgstr: endpointsSvg
});
