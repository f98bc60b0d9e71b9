import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Dialog, ICommandPalette, MainAreaWidget, Notification, showDialog } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator, TranslationBundle } from '@jupyterlab/translation';

import { ChurnStudioApi } from '../api';
import { CommandIDs } from '../commands';
import { EndpointCommandIDs } from '../endpoints/commandIds';
import { DeployDialogBody } from '../endpoints/DeployDialogBody';
import { DeployDialogModel } from '../endpoints/deployDialogModel';
import { DeploymentWatcher } from '../endpoints/deploymentWatcher';
import { EndpointDetailsModel } from '../endpoints/endpointDetailsModel';
import { EndpointDetailsPanel } from '../endpoints/EndpointDetailsPanel';
import { EndpointsApi, IDeployRequest } from '../endpoints/endpointsApi';
import { endpointsIcon } from '../endpoints/endpointsIcon';
import { EndpointsListModel } from '../endpoints/endpointsListModel';
import { EndpointsPanel } from '../endpoints/EndpointsPanel';
import { modelArtifactUri } from '../list/deploy';
import { activateOpenWidget } from '../widgets/mainArea';
import { shortenMiddle } from '../widgets/TruncatedName';

/**
 * The rank of the Endpoints sidebar, just below the Experiments sidebar at rank 600.
 */
const SIDEBAR_RANK = 610;

/**
 * Milliseconds between polls of an endpoint that is Creating, Updating or Deleting.
 */
const POLL_INTERVAL_MS = 2000;

/**
 * Adds the Endpoints sidebar, the Deploy model dialog and the endpoint details view.
 */
export const endpointsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'churn-studio-ext:endpoints',
  description: 'The Endpoints sidebar, Deploy model dialog and endpoint details of SageMaker Studio.',
  autoStart: true,
  requires: [ILabShell],
  optional: [ITranslator, ICommandPalette, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    labShell: ILabShell,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('churn_studio_ext');
    const api = new ChurnStudioApi({ serverSettings: app.serviceManager.serverSettings });
    const endpointsApi = new EndpointsApi(api);
    const { commands } = app;

    const openTrialComponent = (name: string): void => {
      if (commands.hasCommand(CommandIDs.openTrialComponentDetails)) {
        void commands.execute(CommandIDs.openTrialComponentDetails, { name });
      }
    };

    const list = new EndpointsListModel({ source: endpointsApi, pollIntervalMs: POLL_INTERVAL_MS });
    const panel = new EndpointsPanel({
      model: list,
      trans,
      onOpen: name => void commands.execute(EndpointCommandIDs.openEndpointDetails, { name }),
      onOpenTrialComponent: openTrialComponent
    });
    panel.id = 'churn-studio-endpoints';
    panel.title.icon = endpointsIcon;
    panel.title.caption = trans.__('Endpoints');
    labShell.add(panel, 'left', { rank: SIDEBAR_RANK });
    restorer?.add(panel, panel.id);

    commands.addCommand(EndpointCommandIDs.openEndpoints, {
      label: trans.__('Open Endpoints'),
      caption: trans.__('Show the Endpoints sidebar'),
      icon: endpointsIcon,
      execute: () => {
        labShell.activateById(panel.id);
        void list.refresh();
      }
    });
    commands.addCommand(EndpointCommandIDs.refreshEndpoints, {
      label: trans.__('Refresh Endpoints'),
      caption: trans.__('List the endpoints again'),
      execute: () => list.refresh()
    });

    commands.addCommand(EndpointCommandIDs.openEndpointDetails, {
      label: trans.__('Open Endpoint Details'),
      caption: trans.__('Show the settings, test form and monitoring of an endpoint'),
      execute: async args => {
        const name = (args.name as string | undefined) ?? Private.hitEndpointName(app);
        if (!name) {
          throw new Error(
            trans.__('Missing endpoint name. Pass `name` or open the context menu of an endpoint.')
          );
        }
        const id = `churn-studio-endpoint-${name}`;
        if (activateOpenWidget(app.shell, id)) {
          return id;
        }

        const model = new EndpointDetailsModel({ name, source: endpointsApi, pollIntervalMs: POLL_INTERVAL_MS });
        const content = new EndpointDetailsPanel({ model, trans, onOpenTrialComponent: openTrialComponent });
        const widget = new MainAreaWidget({ content });
        widget.id = id;
        widget.title.label = shortenMiddle(name);
        widget.title.caption = trans.__('Endpoint: %1', name);
        widget.title.icon = endpointsIcon;
        widget.title.closable = true;
        app.shell.add(widget, 'main');
        app.shell.activateById(id);
        await model.refresh();
        return id;
      }
    });

    commands.addCommand(EndpointCommandIDs.deleteEndpoint, {
      label: trans.__('Delete Endpoint'),
      caption: trans.__('Delete the endpoint, and its config and model when this studio created them'),
      execute: async args => {
        const name = (args.name as string | undefined) ?? Private.hitEndpointName(app);
        if (!name) {
          return;
        }
        const result = await showDialog({
          title: trans.__('Delete endpoint'),
          body: trans.__(
            'Delete endpoint %1? It stops serving at once. Its config and model are deleted too when this studio deployed them.',
            name
          ),
          buttons: [
            Dialog.cancelButton({ label: trans.__('Cancel') }),
            Dialog.warnButton({ label: trans.__('Delete') })
          ]
        });
        if (!result.button.accept) {
          return;
        }
        try {
          await list.deleteEndpoint(name);
          Notification.success(trans.__('Endpoint %1 deleted.', name), { autoClose: 5000 });
        } catch (error) {
          Notification.error(trans.__('Deleting endpoint %1 failed: %2', name, (error as Error).message));
        }
      }
    });

    commands.addCommand(EndpointCommandIDs.deployModel, {
      label: trans.__('Deploy model'),
      caption: trans.__('Deploy the model of this trial component to an endpoint'),
      execute: async args => {
        const name = (args.name as string | undefined) ?? Private.hitTrialComponentName(app);
        if (!name) {
          return;
        }
        const request = await Private.promptDeployRequest(api, endpointsApi, name, args.modelUri as string | undefined, trans);
        if (request) {
          await Private.deploy(endpointsApi, request, list, trans);
        }
      }
    });

    const category = trans.__('Churn Studio');
    palette?.addItem({ command: EndpointCommandIDs.openEndpoints, category });
    palette?.addItem({ command: EndpointCommandIDs.refreshEndpoints, category });

    void app.restored.then(() => list.refresh());
  }
};

namespace Private {
  export function hitEndpointName(app: JupyterFrontEnd): string | null {
    const node = app.contextMenuHitTest(element => !!element.dataset.endpointName);
    return node?.dataset.endpointName ?? null;
  }

  export function hitTrialComponentName(app: JupyterFrontEnd): string | null {
    const node = app.contextMenuHitTest(element => !!element.dataset.trialComponentName);
    return node?.dataset.trialComponentName ?? null;
  }

  /**
   * Shows the Deploy model dialog until the fields are valid or the user cancels.
   *
   * The dialog accepts Enter even while OK is disabled, so an invalid accept opens it again
   * with the same fields.
   */
  export async function promptDeployRequest(
    api: ChurnStudioApi,
    endpointsApi: EndpointsApi,
    componentName: string,
    modelUri: string | undefined,
    trans: TranslationBundle
  ): Promise<IDeployRequest | null> {
    const model = new DeployDialogModel({ trialComponentName: componentName, modelUri, trans });
    endpointsApi
      .listEndpoints()
      .then(endpoints => model.setExistingNames(endpoints.map(endpoint => endpoint.name)))
      .catch(error => model.setExistingNamesFailed((error as Error).message));
    if (!modelUri) {
      api
        .getTrialComponentArtifacts(componentName)
        .then(artifacts => (model.modelUri = modelArtifactUri(artifacts)))
        // The model URI is only shown for reference, and the server reports a missing model.
        .catch(() => undefined);
    }

    for (;;) {
      const result = await showDialog({
        title: trans.__('Deploy model'),
        body: new DeployDialogBody(model, trans),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Cancel') }),
          Dialog.okButton({ label: trans.__('Deploy model') })
        ],
        focusNodeSelector: '.jp-ChurnStudio-endpointNameInput'
      });
      if (!result.button.accept) {
        return null;
      }
      if (result.value) {
        return result.value;
      }
    }
  }

  /**
   * Sends the deploy request, then follows the endpoint in one notification until it settles.
   */
  export async function deploy(
    endpointsApi: EndpointsApi,
    request: IDeployRequest,
    list: EndpointsListModel,
    trans: TranslationBundle
  ): Promise<void> {
    const id = Notification.emit(trans.__('Deploying %1…', request.endpointName), 'in-progress', {
      autoClose: false
    });
    let endpoint;
    try {
      endpoint = await endpointsApi.deploy(request);
    } catch (error) {
      Notification.update({
        id,
        message: trans.__('Deploying %1 failed: %2', request.endpointName, (error as Error).message),
        type: 'error',
        autoClose: false
      });
      return;
    }
    void list.refresh();

    const watcher = new DeploymentWatcher({
      getEndpoint: name => endpointsApi.getEndpoint(name),
      notify: notice =>
        Notification.update({
          id,
          message: notice.message,
          type: notice.kind,
          autoClose: notice.kind === 'success' ? 5000 : false
        }),
      trans,
      intervalMs: POLL_INTERVAL_MS,
      sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
    });
    await watcher.watch(endpoint);
    void list.refresh();
  }
}
