import { LabIcon } from '@jupyterlab/ui-components';

import experimentsSvg from '../style/icons/experiments.svg';

/**
 * The flask icon of the Experiments sidebar.
 */
export const experimentsIcon = new LabIcon({
  name: 'churn-studio-ext:experiments',
  svgstr: experimentsSvg
});
