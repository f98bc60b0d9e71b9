import {
  buildSearchFilters,
  conditionProblem,
  dateCondition,
  FilterError,
  IFilterCondition,
  normalizeConditions,
  parseUtcTime,
  tagCondition,
  typeConditions,
  typeFilterOf,
  withTypeFilter
} from '../list/filters';

describe('parseUtcTime', () => {
  it.each([
    ['2026-12-04T20:15', '2026-12-04T20:15:00'],
    ['2026-12-04T20:15:30', '2026-12-04T20:15:30'],
    [' 2024-02-29T00:00:00 ', '2024-02-29T00:00:00']
  ])('reads %p as %p', (text, expected) => {
    expect(parseUtcTime(text)).toBe(expected);
  });

  it.each(['2026-02-30T10:00', '2026-12-04', '2026-12-04T25:00', 'yesterday', '2026-12-04T20:15:30Z', ''])(
    'rejects %p',
    text => {
      expect(parseUtcTime(text)).toBeNull();
    }
  );
});

describe('dateCondition', () => {
  it('builds created after', () => {
    expect(dateCondition('CreationTime', 'after', '2026-12-04T20:00')).toEqual({
      property: 'CreationTime',
      operator: 'GreaterThan',
      value: '2026-12-04T20:00:00'
    });
  });

  it('builds last modified before', () => {
    expect(dateCondition('LastModifiedTime', 'before', '2026-12-01T08:30:15')).toEqual({
      property: 'LastModifiedTime',
      operator: 'LessThan',
      value: '2026-12-01T08:30:15'
    });
  });

  it('rejects an empty time', () => {
    expect(() => dateCondition('CreationTime', 'after', '')).toThrow(FilterError);
    expect(() => dateCondition('CreationTime', 'after', '')).toThrow('CreationTime needs a UTC date and time');
  });
});

describe('tagCondition', () => {
  it('filters on a value that contains text', () => {
    expect(tagCondition(' team ', ' churn ')).toEqual({ property: 'Tags.team', operator: 'Contains', value: 'churn' });
  });

  it('filters on the key alone with Exists', () => {
    expect(tagCondition('stage', '')).toEqual({ property: 'Tags.stage', operator: 'Exists', value: '' });
  });

  it('rejects an empty key', () => {
    expect(() => tagCondition('  ', 'x')).toThrow('Enter the tag key to filter on.');
  });
});

describe('Type filter', () => {
  it('maps training and processing to Equals', () => {
    expect(typeConditions('training')).toEqual([
      { property: 'Source.SourceType', operator: 'Equals', value: 'SageMakerTrainingJob' }
    ]);
    expect(typeConditions('processing')).toEqual([
      { property: 'Source.SourceType', operator: 'Equals', value: 'SageMakerProcessingJob' }
    ]);
  });

  it('maps other to two NotEquals', () => {
    expect(typeConditions('other').map(condition => [condition.operator, condition.value])).toEqual([
      ['NotEquals', 'SageMakerTrainingJob'],
      ['NotEquals', 'SageMakerProcessingJob']
    ]);
  });

  it('replaces only the type conditions', () => {
    const eta: IFilterCondition = { property: 'Parameters.eta', operator: 'GreaterThan', value: '0.1' };
    const training = withTypeFilter([eta], 'training');
    const other = withTypeFilter(training, 'other');

    expect(training).toHaveLength(2);
    expect(other[0]).toEqual(eta);
    expect(other).toHaveLength(3);
    expect(withTypeFilter(other, 'any')).toEqual([eta]);
  });

  it('reads the type back from conditions', () => {
    const eta: IFilterCondition = { property: 'Parameters.eta', operator: 'GreaterThan', value: '0.1' };

    expect(typeFilterOf([eta])).toBe('any');
    expect(typeFilterOf(withTypeFilter([eta], 'processing'))).toBe('processing');
    expect(typeFilterOf(withTypeFilter([eta], 'other'))).toBe('other');
    expect(
      typeFilterOf([{ property: 'Source.SourceType', operator: 'Contains', value: 'Transform' }])
    ).toBeNull();
  });
});

describe('conditionProblem for dates and tags', () => {
  it('accepts a UTC time on a time property', () => {
    expect(conditionProblem({ property: 'CreationTime', operator: 'GreaterThan', value: '2026-12-04T20:00:00' })).toBeNull();
  });

  it('reports a time that is not a date', () => {
    expect(conditionProblem({ property: 'LastModifiedTime', operator: 'LessThan', value: 'soon' })).toEqual({
      kind: 'notATime',
      property: 'LastModifiedTime',
      value: 'soon'
    });
  });

  it('reports a tag without key', () => {
    expect(conditionProblem({ property: 'Tags.', operator: 'Exists', value: '' })).toEqual({ kind: 'missingTagKey' });
  });

  it('accepts text in a tag Contains', () => {
    expect(conditionProblem({ property: 'Tags.team', operator: 'Contains', value: 'churn' })).toBeNull();
  });
});

describe('buildSearchFilters with the new filters', () => {
  it('sends tag, date and type conditions as Search filters', () => {
    const conditions = [
      tagCondition('team', 'churn'),
      tagCondition('stage', ''),
      dateCondition('CreationTime', 'after', '2026-12-04T20:00'),
      ...typeConditions('training')
    ];

    expect(buildSearchFilters(conditions)).toEqual([
      { Name: 'Tags.team', Operator: 'Contains', Value: 'churn' },
      { Name: 'Tags.stage', Operator: 'Exists' },
      { Name: 'CreationTime', Operator: 'GreaterThan', Value: '2026-12-04T20:00:00' },
      { Name: 'Source.SourceType', Operator: 'Equals', Value: 'SageMakerTrainingJob' }
    ]);
  });
});

describe('normalizeConditions of stored filters', () => {
  it('restores tag, date and type conditions', () => {
    const stored = JSON.parse(
      JSON.stringify([
        tagCondition('team', 'churn'),
        dateCondition('LastModifiedTime', 'before', '2026-12-04T21:00'),
        ...typeConditions('other')
      ])
    );

    const restored = normalizeConditions(stored);

    expect(restored).toEqual(stored);
    expect(typeFilterOf(restored)).toBe('other');
  });

  it('drops a stored date that is not a time', () => {
    const restored = normalizeConditions([
      { property: 'CreationTime', operator: 'GreaterThan', value: 'last week' },
      { property: 'Tags.team', operator: 'Exists', value: '' }
    ]);

    expect(restored).toEqual([{ property: 'Tags.team', operator: 'Exists', value: '' }]);
  });
});
