import { nullTranslator } from '@jupyterlab/translation';

import { ITrialComponentRow } from '../api';
import { allColumns, COLUMN_GROUPS, rowTags, tagColumn } from '../list/columns';
import { columnGroupOfId, presetColumnState, toggleColumn, toggleColumnGroup, visibleColumns } from '../list/columnState';
import { PagedRows } from '../list/pagedRows';
import { unsortableReason } from '../list/TrialComponentTable';
import { row } from './trialComponentFixtures';

const trans = nullTranslator.load('churn_studio_ext');

function tagged(name: string, tags: { [key: string]: string }): ITrialComponentRow {
  return { ...row(name), tags } as ITrialComponentRow;
}

describe('tag columns', () => {
  it('reads the tag value of a row', () => {
    const column = tagColumn('team');

    expect(column.id).toBe('tag:team');
    expect(column.group).toBe('tags');
    expect(column.value(tagged('a', { team: 'churn' }))).toBe('churn');
    expect(column.value(tagged('b', { stage: 'prod' }))).toBeNull();
    expect(column.value(row('c'))).toBeNull();
  });

  it('has no sort key', () => {
    expect(tagColumn('team').sortKey).toBeNull();
  });

  it('come after parameters, sorted by key', () => {
    const ids = allColumns(['eta'], [], ['team', 'stage']).map(column => column.id);

    expect(ids.slice(-3)).toEqual(['parameter:eta', 'tag:stage', 'tag:team']);
  });

  it('return an empty object for rows without tags', () => {
    expect(rowTags(row('plain'))).toEqual({});
  });
});

describe('Tags column group', () => {
  it('is a preset of its own', () => {
    expect(COLUMN_GROUPS).toContain('tags');
    expect(presetColumnState('all').groups).toContain('tags');
    expect(columnGroupOfId('tag:team')).toBe('tags');
    expect(columnGroupOfId('parameter:tag:x')).toBe('parameters');
  });

  it('shows and hides every tag column', () => {
    const columns = allColumns([], [], ['team', 'stage']);
    const summaryOnly = presetColumnState('summary');

    const withTags = toggleColumnGroup(summaryOnly, 'tags');
    const tagIds = visibleColumns(withTags, columns)
      .filter(column => column.group === 'tags')
      .map(column => column.id);

    expect(visibleColumns(summaryOnly, columns).some(column => column.group === 'tags')).toBe(false);
    expect(tagIds).toEqual(['tag:stage', 'tag:team']);
  });

  it('shows one tag column without the group', () => {
    const columns = allColumns([], [], ['team', 'stage']);
    const state = toggleColumn(presetColumnState('summary'), tagColumn('team'));

    const visibleTags = visibleColumns(state, columns).filter(column => column.group === 'tags');

    expect(visibleTags.map(column => column.id)).toEqual(['tag:team']);
  });
});

describe('PagedRows tag keys', () => {
  it('collects the keys of every fetched row', () => {
    const rows = new PagedRows({}, 2);
    rows.append({
      items: [tagged('a', { team: 'churn' }), row('b')],
      total: 3,
      totalRelation: 'EqualTo',
      nextCursor: '2',
      parameterNames: [],
      metricNames: []
    });
    rows.append({
      items: [tagged('c', { stage: 'prod', team: 'lab' })],
      total: 3,
      totalRelation: 'EqualTo',
      nextCursor: null,
      parameterNames: [],
      metricNames: []
    });

    expect(rows.tagKeys).toEqual(['stage', 'team']);
  });
});

describe('unsortableReason', () => {
  it('tells why a tag column does not sort', () => {
    const reason = unsortableReason(tagColumn('team'), 'team', trans);

    expect(reason).toContain('team: not sortable');
    expect(reason).toContain('Filter by this tag');
  });

  it('tells why a summary column does not sort', () => {
    const experiment = allColumns([], []).find(column => column.id === 'experiment')!;

    expect(unsortableReason(experiment, 'Experiment', trans)).toBe(
      'Experiment: not sortable, because the list sorts on the server and SageMaker Search documents no sort key for this column.'
    );
  });
});
