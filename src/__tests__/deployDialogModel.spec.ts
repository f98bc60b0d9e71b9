import { nullTranslator } from '@jupyterlab/translation';

import { DEFAULT_INSTANCE_TYPE, DeployDialogModel } from '../endpoints/deployDialogModel';

const trans = nullTranslator.load('churn_studio_ext');

function model(existingNames?: string[]): DeployDialogModel {
  const created = new DeployDialogModel({ trialComponentName: 'churn-tc-4-aws-training-job', trans });
  if (existingNames) {
    created.setExistingNames(existingNames);
  }
  return created;
}

describe('DeployDialogModel', () => {
  it('stays invalid until names load', () => {
    const dialog = model();

    expect(dialog.checkingNames).toBe(true);
    expect(dialog.isValid).toBe(false);

    dialog.setExistingNames([]);

    expect(dialog.isValid).toBe(true);
  });

  it('defaults instance type and capture', () => {
    expect(model([]).request()).toEqual({
      endpointName: 'churn-tc-4-endpoint',
      trialComponentName: 'churn-tc-4-aws-training-job',
      instanceType: DEFAULT_INSTANCE_TYPE,
      instanceCount: 1,
      dataCapture: { enabled: true, samplingPercentage: 100 }
    });
    expect(DEFAULT_INSTANCE_TYPE).toBe('ml.m5.xlarge');
  });

  it('replaces suggestion that already exists', () => {
    const dialog = model();

    dialog.setExistingNames(['churn-tc-4-endpoint']);

    expect(dialog.name).toBe('churn-tc-4-endpoint-2');
    expect(dialog.isValid).toBe(true);
  });

  it('keeps and rejects typed name', () => {
    const dialog = model();
    dialog.name = 'mine';

    dialog.setExistingNames(['MINE']);

    expect(dialog.name).toBe('mine');
    expect(dialog.nameError).toBe('An endpoint named MINE already exists. Choose another name.');
    expect(dialog.isValid).toBe(false);
  });

  it('checks the name as it changes', () => {
    const dialog = model([]);
    const seen: (string | null)[] = [];
    dialog.changed.connect(() => seen.push(dialog.nameError));

    dialog.name = 'bad_name';
    dialog.name = 'good-name';

    expect(seen).toEqual(['"_" is an invalid character. Use letters, digits and hyphens.', null]);
  });

  it.each([['0'], ['-1'], ['1.5'], ['']])('rejects instance count %p', text => {
    const dialog = model([]);

    dialog.instanceCountText = text;

    expect(dialog.instanceCountError).toBe('Enter a whole number of 1 or more.');
    expect(dialog.isValid).toBe(false);
  });

  it.each([['101'], ['-5'], ['abc'], ['']])('rejects sampling %p while capturing', text => {
    const dialog = model([]);

    dialog.samplingText = text;
    expect(dialog.samplingError).toBe('Enter a whole percentage from 0 to 100.');
    expect(dialog.isValid).toBe(false);

    dialog.captureEnabled = false;
    expect(dialog.samplingError).toBeNull();
    expect(dialog.isValid).toBe(true);
    expect(dialog.request().dataCapture).toEqual({ enabled: false, samplingPercentage: 0 });
  });

  it('sends the chosen settings', () => {
    const dialog = model([]);
    dialog.name = 'churn-best';
    dialog.instanceType = 'ml.c5.xlarge';
    dialog.instanceCountText = '3';
    dialog.samplingText = '25';

    expect(dialog.request()).toEqual({
      endpointName: 'churn-best',
      trialComponentName: 'churn-tc-4-aws-training-job',
      instanceType: 'ml.c5.xlarge',
      instanceCount: 3,
      dataCapture: { enabled: true, samplingPercentage: 25 }
    });
  });

  it('accepts name when names fail', () => {
    const dialog = model();

    dialog.setExistingNamesFailed('502 Bad Gateway');

    expect(dialog.namesError).toBe('502 Bad Gateway');
    expect(dialog.isValid).toBe(true);
  });
});
