/**
 * @jest-environment jsdom
 */
// The form renders with react-dom into jsdom.
import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';

import { DeployDialogModel } from '../endpoints/deployDialogModel';
import { DeployForm } from '../endpoints/DeployForm';
import { renderHtml } from './renderHtml';

const trans = nullTranslator.load('churn_studio_ext');

function render(model: DeployDialogModel): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = renderHtml(<DeployForm model={model} trans={trans} />);
  return container;
}

describe('DeployForm', () => {
  it('shows name check while loading', () => {
    const model = new DeployDialogModel({ trialComponentName: 'churn-tc-1-aws-training-job', trans });

    const form = render(model);

    expect(form.querySelector('#jp-ChurnStudio-endpointNameMessage')?.textContent).toBe(
      'Checking existing endpoint names…'
    );
    expect(form.querySelector<HTMLInputElement>('.jp-ChurnStudio-endpointNameInput')?.value).toBe(
      'churn-tc-1-endpoint'
    );
  });

  it('alerts existing name under field', () => {
    const model = new DeployDialogModel({ trialComponentName: 'tc', trans });
    model.setExistingNames(['churn-best']);
    model.name = 'Churn-Best';

    const form = render(model);
    const message = form.querySelector('#jp-ChurnStudio-endpointNameMessage');

    expect(message?.getAttribute('role')).toBe('alert');
    expect(message?.textContent).toBe('An endpoint named churn-best already exists. Choose another name.');
    expect(form.querySelector('.jp-ChurnStudio-endpointNameInput')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('offers ml.m5.xlarge and 100 % sampling', () => {
    const model = new DeployDialogModel({ trialComponentName: 'tc', trans });
    model.setExistingNames([]);

    const form = render(model);

    // The serialized HTML keeps no selected option, so the offered types are checked here and the
    // default in the model's tests.
    const types = Array.from(form.querySelectorAll('.jp-ChurnStudio-instanceType option'), option => option.textContent);
    expect(types).toContain('ml.m5.xlarge');
    expect(model.instanceType).toBe('ml.m5.xlarge');
    expect(form.querySelector<HTMLInputElement>('.jp-ChurnStudio-samplingPercentage')?.value).toBe('100');
    expect(form.querySelector('[role="alert"]')).toBeNull();
  });

  it('disables sampling when capture is off', () => {
    const model = new DeployDialogModel({ trialComponentName: 'tc', trans });
    model.setExistingNames([]);
    model.captureEnabled = false;

    const form = render(model);

    expect(form.querySelector<HTMLInputElement>('.jp-ChurnStudio-samplingPercentage')?.disabled).toBe(true);
  });

  it('shows the model URI once known', () => {
    const model = new DeployDialogModel({ trialComponentName: 'tc', trans });
    model.modelUri = 's3://bucket/output/model.tar.gz';

    expect(render(model).textContent).toContain('Model: s3://bucket/output/model.tar.gz');
  });
});
