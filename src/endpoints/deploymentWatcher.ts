import { TranslationBundle } from '@jupyterlab/translation';

import { IEndpoint, TRANSITIONAL_STATUSES } from './endpointsApi';

/**
 * The content of a deployment notification: in progress, done, or failed.
 */
export interface IDeploymentNotice {
  kind: 'in-progress' | 'success' | 'error';
  message: string;
}

/**
 * Polls a new endpoint until it leaves Creating, and reports each change as a notice.
 *
 * The plugin maps notices to one JupyterLab notification; tests read them directly.
 */
export class DeploymentWatcher {
  constructor(options: DeploymentWatcher.IOptions) {
    this._options = options;
  }

  /**
   * Polls until InService, Failed or another settled status, a missing endpoint, or `stop()`.
   * Resolves with the last notice.
   */
  async watch(first: IEndpoint): Promise<IDeploymentNotice> {
    const { trans } = this._options;
    let endpoint = first;
    let notice = describe(endpoint, trans);
    this._options.notify(notice);

    let failures = 0;
    while (!this._stopped && TRANSITIONAL_STATUSES.has(endpoint.status)) {
      await this._options.sleep(this._options.intervalMs);
      if (this._stopped) {
        break;
      }
      try {
        endpoint = await this._options.getEndpoint(first.name);
        failures = 0;
      } catch (error) {
        failures += 1;
        if ((error as { status?: number }).status === 404 || failures >= MAX_FAILURES) {
          notice = {
            kind: 'error',
            message: trans.__(
              'Endpoint %1 could not be followed: %2',
              first.name,
              (error as Error).message
            )
          };
          this._options.notify(notice);
          return notice;
        }
        continue;
      }
      const next = describe(endpoint, trans);
      if (next.message !== notice.message) {
        notice = next;
        this._options.notify(notice);
      }
    }
    return notice;
  }

  stop(): void {
    this._stopped = true;
  }

  private _options: DeploymentWatcher.IOptions;
  private _stopped = false;
}

/**
 * Failed polls in a row after which the watcher gives up, so a stopped server ends the notice.
 */
const MAX_FAILURES = 5;

function describe(endpoint: IEndpoint, trans: TranslationBundle): IDeploymentNotice {
  switch (endpoint.status) {
    case 'InService':
      return { kind: 'success', message: trans.__('Endpoint %1 is InService.', endpoint.name) };
    case 'Failed':
      return {
        kind: 'error',
        message: trans.__(
          'Endpoint %1 failed: %2',
          endpoint.name,
          endpoint.failureReason ?? trans.__('no reason given')
        )
      };
    default:
      if (TRANSITIONAL_STATUSES.has(endpoint.status)) {
        return {
          kind: 'in-progress',
          message: trans.__('Endpoint %1 is %2…', endpoint.name, endpoint.status)
        };
      }
      return {
        kind: 'error',
        message: trans.__('Endpoint %1 is %2.', endpoint.name, endpoint.status)
      };
  }
}

export namespace DeploymentWatcher {
  export interface IOptions {
    getEndpoint: (name: string) => Promise<IEndpoint>;
    notify: (notice: IDeploymentNotice) => void;
    trans: TranslationBundle;
    intervalMs: number;
    sleep: (ms: number) => Promise<void>;
  }
}
