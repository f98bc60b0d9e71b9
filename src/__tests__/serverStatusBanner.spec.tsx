/**
 * @jest-environment jsdom
 */
// The widgets render with react-dom into jsdom, and JupyterLab's Time helpers read `document`.
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';

import { IServerStatus } from '../api';
import { ServerCheck } from '../models/serverStatusModel';
import { ServerStatusBanner } from '../widgets/ServerStatusBanner';
import { renderHtml } from './renderHtml';

const trans = nullTranslator.load('churn_studio_ext');

const LOCAL_STATUS: IServerStatus = {
  backend: 'local',
  version: '0.1.0',
  home: '/srv/studio',
  region: 'local'
};

function render(check: ServerCheck): string {
  return renderHtml(<ServerStatusBanner check={check} trans={trans} />);
}

describe('ServerStatusBanner', () => {
  it('labels the local backend with its home', () => {
    const html = render({ kind: 'ok', status: LOCAL_STATUS });

    expect(html).toContain('Backend: local (/srv/studio)');
    expect(html).not.toContain('role="alert"');
  });

  it('labels the aws backend with its region', () => {
    const html = render({
      kind: 'ok',
      status: { backend: 'aws', version: '0.1.0', home: null, region: 'us-east-2' }
    });

    expect(html).toContain('Backend: aws (us-east-2)');
  });

  it('tells how to enable a missing extension', () => {
    const html = render({ kind: 'missing', detail: '404 Not Found' });

    expect(html).toContain('role="alert"');
    expect(html).toContain('jupyter server extension enable churn_studio_ext');
    expect(html).toContain('404 Not Found');
  });

  it('names both versions on a mismatch', () => {
    const html = render({
      kind: 'mismatch',
      status: { ...LOCAL_STATUS, version: '0.0.9' },
      serverVersion: '0.0.9',
      frontendVersion: '0.1.0'
    });

    expect(html).toContain('server extension is version 0.0.9');
    expect(html).toContain('this JupyterLab extension is version 0.1.0');
    expect(html).toContain('pip install churn_studio_ext==0.1.0');
  });

  it('shows the message of another server error', () => {
    const html = render({ kind: 'error', message: 'Store migration failed' });

    expect(html).toContain('failed to report its status: Store migration failed');
  });
});
