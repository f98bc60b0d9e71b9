import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IServerStatus } from '../api';
import { ServerCheck } from '../models/serverStatusModel';

/**
 * The properties of `ServerStatusBanner`.
 */
export interface IServerStatusBannerProps {
  check: ServerCheck;
  trans: TranslationBundle;
}

/**
 * Renders the backend label, or an inline explanation of how to fix the server extension.
 */
export function ServerStatusBanner(props: IServerStatusBannerProps): JSX.Element {
  const { check, trans } = props;

  switch (check.kind) {
    case 'checking':
      return (
        <div className="jp-ChurnStudio-backend jp-ChurnStudio-muted">
          {trans.__('Checking the server extension…')}
        </div>
      );
    case 'ok':
      return (
        <div className="jp-ChurnStudio-backend" data-backend={check.status.backend}>
          {backendLabel(check.status, trans)}
        </div>
      );
    case 'missing':
      return (
        <div className="jp-ChurnStudio-problem" role="alert">
          <p>
            {trans.__(
              'The churn_studio_ext server extension is not running. Run `jupyter server extension enable churn_studio_ext` and restart JupyterLab.'
            )}
          </p>
          <p className="jp-ChurnStudio-muted">{check.detail}</p>
        </div>
      );
    case 'mismatch':
      return (
        <div className="jp-ChurnStudio-problem" role="alert">
          <p>
            {trans.__(
              'The churn_studio_ext server extension is version %1, but this JupyterLab extension is version %2. Run `pip install churn_studio_ext==%2` and restart JupyterLab.',
              check.serverVersion,
              check.frontendVersion
            )}
          </p>
          <p className="jp-ChurnStudio-muted">{backendLabel(check.status, trans)}</p>
        </div>
      );
    case 'error':
      return (
        <div className="jp-ChurnStudio-problem" role="alert">
          <p>
            {trans.__(
              'The churn_studio_ext server extension failed to report its status: %1',
              check.message
            )}
          </p>
        </div>
      );
  }
}

/**
 * Formats "Backend: local (<home>)" or "Backend: aws (<region>)".
 */
export function backendLabel(status: IServerStatus, trans: TranslationBundle): string {
  const where = status.backend === 'local' ? status.home : status.region;
  if (where) {
    return trans.__('Backend: %1 (%2)', status.backend, where);
  }
  return trans.__('Backend: %1', status.backend);
}
