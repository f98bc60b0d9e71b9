import { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { experimentsPlugin } from './plugins/experimentsPlugin';

export * from './api';
export * from './commands';
export * from './models/experimentsModel';
export * from './models/serverStatusModel';

const plugins: JupyterFrontEndPlugin<void>[] = [experimentsPlugin];

export default plugins;
