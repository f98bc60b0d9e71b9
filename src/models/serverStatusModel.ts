import { ISignal, Signal } from '@lumino/signaling';

import { ApiError, IServerStatus } from '../api';

/**
 * The result of the start-up check of the server extension.
 *
 * `missing`: the API is not served (404) or the server could not be reached.
 * `mismatch`: the server extension runs, but its version differs from the labextension's.
 * `error`: the server extension replied to `status` with another error status.
 */
export type ServerCheck =
  | { kind: 'checking' }
  | { kind: 'ok'; status: IServerStatus }
  | { kind: 'missing'; detail: string }
  | { kind: 'mismatch'; status: IServerStatus; serverVersion: string; frontendVersion: string }
  | { kind: 'error'; message: string };

/**
 * The source of the server status. The app passes `ChurnStudioApi`, and tests pass a fake.
 */
export interface IServerStatusSource {
  getStatus(): Promise<IServerStatus>;
}

/**
 * Checks that the server extension is enabled and matches the labextension's version.
 */
export class ServerStatusModel {
  constructor(options: ServerStatusModel.IOptions) {
    this._source = options.source;
    this._frontendVersion = options.frontendVersion;
  }

  /**
   * Emitted after every check.
   */
  get changed(): ISignal<this, ServerCheck> {
    return this._changed;
  }

  /**
   * The result of the last check.
   */
  get check(): ServerCheck {
    return this._check;
  }

  /**
   * The version of the labextension that the server must match.
   */
  get frontendVersion(): string {
    return this._frontendVersion;
  }

  /**
   * Fetches the server status and classifies the reply. Never rejects.
   */
  async refresh(): Promise<ServerCheck> {
    this._setCheck({ kind: 'checking' });

    let check: ServerCheck;
    try {
      const status = await this._source.getStatus();
      check =
        status.version === this._frontendVersion
          ? { kind: 'ok', status }
          : {
              kind: 'mismatch',
              status,
              serverVersion: status.version,
              frontendVersion: this._frontendVersion
            };
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof ApiError && error.status !== 404) {
        check = { kind: 'error', message };
      } else {
        check = { kind: 'missing', detail: message };
      }
    }

    this._setCheck(check);
    return check;
  }

  private _setCheck(check: ServerCheck): void {
    this._check = check;
    this._changed.emit(check);
  }

  private _source: IServerStatusSource;
  private _frontendVersion: string;
  private _check: ServerCheck = { kind: 'checking' };
  private _changed = new Signal<this, ServerCheck>(this);
}

/**
 * The namespace for `ServerStatusModel` statics.
 */
export namespace ServerStatusModel {
  /**
   * The options to create a `ServerStatusModel`.
   */
  export interface IOptions {
    source: IServerStatusSource;
    frontendVersion: string;
  }
}
