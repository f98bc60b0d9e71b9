import {
  artifactRows,
  awsSettingRows,
  debuggerVerdict,
  isInProgress,
  metricRows,
  parameterRows,
  pathUnderRoot
} from '../details/tabData';
import { component, summary } from './chartFixtures';
import { rule, trainingJob } from './detailsFixtures';

describe('metricRows', () => {
  it('sorts metrics and keeps statistics', () => {
    const detail = component('job', {
      metrics: { 'validation:error': summary(0.07), 'train:error': summary(0.05, 30) }
    });

    const rows = metricRows(detail);

    expect(rows.map(row => row.name)).toEqual(['train:error', 'validation:error']);
    expect(rows[0].count).toBe(30);
    expect(rows[1].last).toBe(0.07);
    expect(rows[1].max).toBeCloseTo(0.27);
  });
});

describe('parameterRows', () => {
  it('sorts parameters by name', () => {
    const detail = component('job', { parameters: { objective: 'binary:logistic', eta: 0.2 } });

    expect(parameterRows(detail)).toEqual([
      { name: 'eta', value: 0.2 },
      { name: 'objective', value: 'binary:logistic' }
    ]);
  });
});

describe('pathUnderRoot', () => {
  it.each([
    ['/srv/lab/models/model.tar.gz', '/srv/lab', 'models/model.tar.gz'],
    ['file:///srv/lab/data/train%20set.csv', '/srv/lab/', 'data/train set.csv'],
    ['/srv/other/model.tar.gz', '/srv/lab', null],
    ['/srv/lab/../etc/passwd', '/srv/lab', null],
    ['/srv/lab', '/srv/lab', null],
    ['s3://bucket/model.tar.gz', '/srv/lab', null],
    ['models/model.tar.gz', '/srv/lab', null],
    ['/srv/lab/model.tar.gz', '', null]
  ])('maps %s under %s to %p', (value, root, expected) => {
    expect(pathUnderRoot(value, root)).toBe(expected);
  });
});

describe('artifactRows', () => {
  it('classifies s3, file and other values', () => {
    const detail = component('job', {
      inputArtifacts: {
        validation: { value: 's3://bucket/churn/validation', mediaType: 'text/csv' },
        train: { value: 's3://bucket/churn/train', mediaType: 'text/csv' }
      },
      outputArtifacts: {
        'SageMaker.ModelArtifact': { value: '/srv/lab/out/model.tar.gz', mediaType: null },
        report: { value: 'https://example.invalid/report', mediaType: 'text/html' }
      }
    });

    const rows = artifactRows(detail, '/srv/lab');

    expect(rows.map(row => [row.direction, row.name, row.kind])).toEqual([
      ['input', 'train', 's3'],
      ['input', 'validation', 's3'],
      ['output', 'SageMaker.ModelArtifact', 'file'],
      ['output', 'report', 'other']
    ]);
    expect(rows[0].mediaType).toBe('text/csv');
    expect(rows[2].path).toBe('out/model.tar.gz');
    expect(rows[0].path).toBeNull();
  });
});

describe('awsSettingRows', () => {
  it('lists the job settings in order', () => {
    const rows = awsSettingRows(trainingJob());

    expect(rows.map(row => row.field)).toEqual([
      'jobName',
      'jobArn',
      'status',
      'secondaryStatus',
      'created',
      'startTime',
      'endTime',
      'trainingSeconds',
      'billableSeconds',
      'instanceType',
      'instanceCount'
    ]);
    expect(rows.find(row => row.field === 'billableSeconds')?.value).toBe(175);
    expect(rows.find(row => row.field === 'instanceType')?.value).toBe('ml.m4.xlarge');
  });

  it('shows the failure reason of a failed job', () => {
    const rows = awsSettingRows(trainingJob({ status: 'Failed', failureReason: 'AlgorithmError: bad label' }));

    expect(rows.find(row => row.field === 'failureReason')?.value).toBe('AlgorithmError: bad label');
  });
});

describe('debuggerVerdict', () => {
  it.each([
    [[], 'none'],
    [[rule('A', 'NoIssuesFound'), rule('B', 'NoIssuesFound')], 'pass'],
    [[rule('A', 'NoIssuesFound'), rule('B', 'IssuesFound')], 'issuesFound'],
    [[rule('A', 'InProgress'), rule('B', 'NoIssuesFound')], 'inProgress'],
    [[rule('A', 'IssuesFound'), rule('B', 'Error')], 'error']
  ])('combines %j into %s', (rules, expected) => {
    expect(debuggerVerdict(rules)).toBe(expected);
  });
});

describe('isInProgress', () => {
  it('is false for a finished job with final rules', () => {
    expect(isInProgress(component('job', { trainingJob: trainingJob() }))).toBe(false);
  });

  it('is true while the component runs', () => {
    expect(isInProgress(component('job', { status: 'InProgress' }))).toBe(true);
  });

  it('is true while the job trains', () => {
    const job = trainingJob({ status: 'InProgress', secondaryStatus: 'Training' });

    expect(isInProgress(component('job', { trainingJob: job }))).toBe(true);
  });

  it('is true while a rule is evaluated', () => {
    const job = trainingJob({ debugRules: [rule('Overfit', 'InProgress')] });

    expect(isInProgress(component('job', { trainingJob: job }))).toBe(true);
  });

  it('is false for a component without job', () => {
    expect(isInProgress(component('run', { status: 'Completed', trainingJob: null }))).toBe(false);
  });
});
