import { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { chartPlugin } from './plugins/chartPlugin';
import { detailsPlugin } from './plugins/detailsPlugin';
import { endpointsPlugin } from './plugins/endpointsPlugin';
import { experimentsPlugin } from './plugins/experimentsPlugin';
import { monitoringPlugin } from './plugins/monitoringPlugin';
import { trialComponentsPlugin } from './plugins/trialComponentsPlugin';

export * from './api';
export * from './commands';
export * from './models/experimentsModel';
export * from './models/serverStatusModel';
export * from './list/listState';
export * from './list/trialComponentListModel';
export * from './tree/experimentTreeModel';

const plugins: JupyterFrontEndPlugin<void>[] = [experimentsPlugin, trialComponentsPlugin, chartPlugin, detailsPlugin, monitoringPlugin, endpointsPlugin];

export default plugins;
