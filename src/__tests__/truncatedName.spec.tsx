/**
 * @jest-environment jsdom
 */
import * as React from 'react';

import { SUMMARY_COLUMNS } from '../list/columns';
import { displayColumns } from '../list/TrialComponentTable';
import { shortenMiddle, splitName, TruncatedName } from '../widgets/TruncatedName';
import { renderHtml } from './renderHtml';

describe('splitName', () => {
  it('keeps the distinctive suffix apart', () => {
    const name = 'algorithm-mode-trial-2026-12-05-min-child-weight-4';

    const [head, tail] = splitName(name);

    expect(tail).toBe('d-weight-4');
    expect(head + tail).toBe(name);
  });

  it('leaves short names whole', () => {
    expect(splitName('Training')).toEqual(['Training', '']);
  });
});

describe('TruncatedName', () => {
  it('shows the full name as tooltip and text', () => {
    const name = 'customer-churn-prediction-xgboost-2026-12-05-00-13-53';
    const container = document.createElement('div');
    container.innerHTML = renderHtml(<TruncatedName name={name} />);

    const element = container.querySelector('.jp-ChurnStudio-truncatedName')!;
    expect(element.getAttribute('title')).toBe(name);
    expect(element.textContent).toBe(name);
    expect(container.querySelector('.jp-ChurnStudio-truncatedTail')!.textContent).toBe('5-00-13-53');
  });
});

describe('displayColumns', () => {
  it('puts the trial component name first', () => {
    const ids = displayColumns(SUMMARY_COLUMNS).map(column => column.id);

    expect(ids[0]).toBe('displayName');
    expect(ids).toHaveLength(SUMMARY_COLUMNS.length);
    expect(ids.slice(1)).toEqual(['status', 'experiment', 'trial', 'type', 'created', 'lastModified']);
  });
});

describe('shortenMiddle', () => {
  it('keeps both ends of a long name', () => {
    const name = 'algorithm-mode-trial-2026-12-05-00-13-53-min-child-weight-4';

    const short = shortenMiddle(name);

    expect(short).toHaveLength(24);
    expect(short.startsWith('algorithm-m')).toBe(true);
    expect(short.endsWith('-weight-4')).toBe(true);
    expect(short).toContain('…');
  });

  it('leaves a short name unchanged', () => {
    expect(shortenMiddle('churn-tour-xgboost-mcw-4')).toBe('churn-tour-xgboost-mcw-4');
  });
});
