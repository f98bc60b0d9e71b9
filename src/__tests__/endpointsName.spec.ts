import { nullTranslator } from '@jupyterlab/translation';

import { endpointNameProblem, suggestEndpointName } from '../endpoints/endpointName';

const trans = nullTranslator.load('churn_studio_ext');

describe('endpointNameProblem', () => {
  it.each([
    ['churn-endpoint'],
    ['a'],
    ['A1'],
    ['double--hyphen'],
    ['x'.repeat(63)]
  ])('accepts %s', name => {
    expect(endpointNameProblem(name, [], trans)).toBeNull();
  });

  it('asks for a name when empty', () => {
    expect(endpointNameProblem('', [], trans)).toBe('Enter an endpoint name.');
  });

  it('rejects 64 characters with the count', () => {
    expect(endpointNameProblem('x'.repeat(64), [], trans)).toBe('The name has 64 characters. Use at most 63.');
  });

  it.each([
    ['under_score', '_'],
    ['dot.name', '.'],
    ['with space', ' ']
  ])('names the bad character of %s', (name, character) => {
    expect(endpointNameProblem(name, [], trans)).toBe(
      `"${character}" is an invalid character. Use letters, digits and hyphens.`
    );
  });

  it.each([['-leading'], ['trailing-'], ['-']])('rejects the hyphen at an end of %s', name => {
    expect(endpointNameProblem(name, [], trans)).toBe('Start and end the name with a letter or digit.');
  });

  it('rejects existing name in any case', () => {
    expect(endpointNameProblem('Churn-Endpoint', ['other', 'churn-endpoint'], trans)).toBe(
      'An endpoint named churn-endpoint already exists. Choose another name.'
    );
  });
});

describe('suggestEndpointName', () => {
  it('drops the training-job suffix', () => {
    expect(suggestEndpointName('churn-tc-1-aws-training-job', [])).toBe('churn-tc-1-endpoint');
  });

  it('numbers past existing names', () => {
    expect(suggestEndpointName('job', ['job-endpoint', 'JOB-ENDPOINT-2'])).toBe('job-endpoint-3');
  });

  it('returns a valid name for a long component name with bad characters', () => {
    const name = suggestEndpointName('x_'.repeat(60), []);

    expect(name.length).toBeLessThanOrEqual(63);
    expect(endpointNameProblem(name, [], trans)).toBeNull();
  });
});
