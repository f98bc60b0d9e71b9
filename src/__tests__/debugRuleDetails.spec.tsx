/**
 * @jest-environment jsdom
 */
// The Debugger tab renders with react-dom into jsdom, and JupyterLab's Time helpers read `document`.
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { act } from 'react';

import { DebuggerTab } from '../details/detailTabs';
import { DebugRuleDetails, outcomeText } from '../details/DebugRuleDetails';
import {
  DebugRuleWithConfiguration,
  processingJobConsoleUrl,
  processingJobName,
  ruleOutcome,
  ruleParameterRows
} from '../details/ruleOutcome';
import { component } from './chartFixtures';
import { rule, trainingJob } from './detailsFixtures';
import { mountRootPerTest } from './mountedRoot';
import { renderHtml } from './renderHtml';

// apputils pulls in Lumino's drag and drop, which needs the DragEvent that jsdom lacks, and the
// metric chart loads vega-embed, which ships ES modules only. The Debugger tab uses neither.
jest.mock('@jupyterlab/apputils', () => ({ Clipboard: { copyToSystem: jest.fn() } }));
jest.mock('../details/MetricChart', () => ({ MetricChart: () => null }));

const trans = nullTranslator.load('churn_studio_ext');

const OVERFIT_DETAILS =
  'RuleEvaluationConditionMet: Evaluation of the rule Overfit at step 7 resulted in the condition being met\n';
const NO_DATA_DETAILS =
  'ClientError: No debugging data was saved by the training job. Check that the debugger hook was configured correctly.';

describe('ruleOutcome', () => {
  it('reads the firing step', () => {
    expect(ruleOutcome(OVERFIT_DETAILS)).toEqual({ kind: 'conditionMet', ruleClass: 'Overfit', step: 7 });
  });

  it('reads the error class', () => {
    const outcome = ruleOutcome(NO_DATA_DETAILS);

    expect(outcome?.kind).toBe('error');
    expect(outcome).toMatchObject({ errorClass: 'ClientError' });
    expect(outcome).toMatchObject({ message: expect.stringMatching(/^No debugging data was saved/) });
  });

  it('keeps other text', () => {
    expect(ruleOutcome('Still reading step 40')).toEqual({ kind: 'text', text: 'Still reading step 40' });
  });

  it('returns null without details', () => {
    expect(ruleOutcome(null)).toBeNull();
    expect(ruleOutcome('  \n')).toBeNull();
  });
});

describe('processing job links', () => {
  it('reads the job name from the ARN', () => {
    expect(processingJobName('arn:aws:sagemaker:us-east-1:123456789012:processing-job/churn-overfit-1a2b3c4d')).toBe(
      'churn-overfit-1a2b3c4d'
    );
    expect(processingJobName('arn:aws:sagemaker:us-east-1:123456789012:training-job/churn')).toBeNull();
    expect(processingJobName(null)).toBeNull();
  });

  it('links an AWS job to its console page', () => {
    expect(processingJobConsoleUrl('arn:aws:sagemaker:eu-west-1:123456789012:processing-job/churn-overfit-1a2b')).toBe(
      'https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/processing-jobs/churn-overfit-1a2b'
    );
  });

  it('gives a local job no console link', () => {
    expect(processingJobConsoleUrl('arn:aws:sagemaker:local:000000000000:processing-job/job-overfit')).toBeNull();
  });
});

describe('ruleParameterRows', () => {
  it('sorts the parameters by name', () => {
    const withParameters: DebugRuleWithConfiguration = {
      ...rule('Overfit', 'IssuesFound'),
      parameters: { rule_to_invoke: 'Overfit', ratio_threshold: '0.1', patience: '1' }
    };

    expect(ruleParameterRows(withParameters)).toEqual([
      { name: 'patience', value: '1' },
      { name: 'ratio_threshold', value: '0.1' },
      { name: 'rule_to_invoke', value: 'Overfit' }
    ]);
  });

  it('is empty without parameters', () => {
    expect(ruleParameterRows(rule('Overfit', 'IssuesFound'))).toEqual([]);
  });
});

describe('outcomeText', () => {
  it('names the step of a met condition', () => {
    expect(outcomeText(ruleOutcome(OVERFIT_DETAILS), 'IssuesFound', trans)).toBe(
      'The condition of Overfit was met at step 7.'
    );
  });

  it('explains a pass without details', () => {
    expect(outcomeText(null, 'NoIssuesFound', trans)).toBe(
      'Every saved step was evaluated and the condition was never met.'
    );
  });
});

describe('DebugRuleDetails', () => {
  it('shows status, step, parameters and job', () => {
    const html = renderHtml(
      <DebugRuleDetails
        rule={{
          ...rule('Overfit', 'IssuesFound', OVERFIT_DETAILS),
          parameters: { ratio_threshold: '0.1', patience: '1' },
          explanation: 'validation-error 0.105 exceeds train-error 0.090 by 16.7 %'
        }}
        statusText="Issues Found"
        trans={trans}
      />
    );
    const root = document.createElement('div');
    root.innerHTML = html;

    expect(root.querySelector('[data-field="status"] td')?.textContent).toBe('Issues Found');
    expect(root.querySelector('.jp-ChurnStudio-ruleOutcome')?.textContent).toBe(
      'The condition of Overfit was met at step 7.'
    );
    expect(root.querySelector('.jp-ChurnStudio-ruleExplanation')?.textContent).toContain('16.7 %');
    expect(root.querySelector('[data-parameter-name="ratio_threshold"] td:last-child')?.textContent).toBe('0.1');
    expect(root.querySelector('[data-field="processingJob"] td')?.textContent).toBe('job-overfit');
    expect(root.querySelector('[data-field="processingJob"] a')).toBeNull();
  });

  it('notes missing rule parameters', () => {
    const html = renderHtml(
      <DebugRuleDetails rule={rule('LossNotDecreasing', 'NoIssuesFound')} statusText="No Issues Found" trans={trans} />
    );

    expect(html).toContain('The server did not report the parameters of this rule.');
    expect(html).not.toContain('jp-ChurnStudio-ruleStatusDetails');
  });
});

describe('DebuggerTab rule selection', () => {
  const mounted = mountRootPerTest();

  beforeEach(() => {
    const detail = component('job', {
      trainingJob: trainingJob({
        debugRules: [rule('LossNotDecreasing', 'NoIssuesFound'), rule('Overfit', 'IssuesFound', OVERFIT_DETAILS)]
      })
    });
    act(() => mounted.root.render(<DebuggerTab detail={detail} trans={trans} />));
  });

  function select(name: string): void {
    const button = mounted.container.querySelector<HTMLButtonElement>(`tr[data-rule-name="${name}"] .jp-ChurnStudio-ruleSelect`);
    act(() => button!.click());
  }

  it('starts without details', () => {
    expect(mounted.container.querySelector('.jp-ChurnStudio-ruleDetailsView')).toBeNull();
    expect(mounted.container.textContent).toContain('Select a rule name to see its Debugger details.');
  });

  it('shows the clicked rule', () => {
    select('Overfit');

    const view = mounted.container.querySelector('.jp-ChurnStudio-ruleDetailsView');
    expect(view?.getAttribute('data-rule-name')).toBe('Overfit');
    expect(mounted.container.querySelector('tr[data-rule-name="Overfit"]')?.getAttribute('aria-selected')).toBe('true');
    expect(view?.querySelector('.jp-ChurnStudio-ruleOutcome')?.textContent).toBe(
      'The condition of Overfit was met at step 7.'
    );
  });

  it('switches and closes the details', () => {
    select('Overfit');
    select('LossNotDecreasing');
    expect(mounted.container.querySelector('.jp-ChurnStudio-ruleDetailsView')?.getAttribute('data-rule-name')).toBe(
      'LossNotDecreasing'
    );

    select('LossNotDecreasing');
    expect(mounted.container.querySelector('.jp-ChurnStudio-ruleDetailsView')).toBeNull();
  });
});
