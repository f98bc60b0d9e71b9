import { IMetricSeries, ITrialComponentDetail } from '../api';
import { ChartModel, IChartSource, SERIES_BUCKETS } from '../chart/chartModel';
import { metricSeries, TOUR_COMPONENTS } from './chartFixtures';

class FakeChartSource implements IChartSource {
  constructor(private components: ITrialComponentDetail[], private failing: string | null = null) {}

  seriesCalls: string[] = [];

  async getTrialComponent(name: string): Promise<ITrialComponentDetail> {
    if (name === this.failing) {
      throw new Error(`Trial component '${name}' not found on the local backend.`);
    }
    return this.components.find(item => item.name === name)!;
  }

  async getMetricSeries(name: string, metric: string, options?: { buckets?: number }): Promise<IMetricSeries> {
    this.seriesCalls.push(`${name}/${metric}/${options?.buckets}`);
    return metricSeries(name, metric);
  }
}

const NAMES = TOUR_COMPONENTS.map(item => item.name);

describe('ChartModel', () => {
  it('loads components and draws the tour default', async () => {
    const model = new ChartModel({ source: new FakeChartSource(TOUR_COMPONENTS), names: NAMES });

    await model.load();

    expect(model.state).toBe('ready');
    expect(model.properties.x).toBe('min_child_weight');
    expect(model.properties.y).toBe('validation:error_last');
    expect(model.rows.map(row => row.min_child_weight)).toEqual([2, 4, 10]);
  });

  it('reports a failed component fetch', async () => {
    const source = new FakeChartSource(TOUR_COMPONENTS, NAMES[1]);
    const model = new ChartModel({ source, names: NAMES });

    await model.load();

    expect(model.state).toBe('error');
    expect(model.error).toBe(`Trial component '${NAMES[1]}' not found on the local backend.`);
  });

  it('switches to a time series of the Y metric', async () => {
    const source = new FakeChartSource(TOUR_COMPONENTS);
    const model = new ChartModel({ source, names: NAMES });
    await model.load();

    await model.setProperties({ dataType: 'timeSeries' });

    expect(model.properties).toEqual({
      dataType: 'timeSeries',
      chartType: 'line',
      x: 'step',
      y: 'validation:error',
      color: 'trialComponentName'
    });
    expect(model.rows).toHaveLength(9);
    expect(source.seriesCalls).toEqual(NAMES.map(name => `${name}/validation:error/${SERIES_BUCKETS}`));
  });

  it('reuses fetched series', async () => {
    const source = new FakeChartSource(TOUR_COMPONENTS);
    const model = new ChartModel({ source, names: NAMES });
    await model.load();

    await model.setProperties({ dataType: 'timeSeries' });
    await model.setProperties({ color: '' });

    expect(source.seriesCalls).toHaveLength(3);
  });

  it('switches back to the metric last value', async () => {
    const model = new ChartModel({ source: new FakeChartSource(TOUR_COMPONENTS), names: NAMES });
    await model.load();
    await model.setProperties({ dataType: 'timeSeries' });
    await model.setProperties({ y: 'train:error' });

    await model.setProperties({ dataType: 'summary' });

    expect(model.properties.y).toBe('train:error_last');
    expect(model.properties.x).toBe('min_child_weight');
    expect(model.rows).toHaveLength(3);
  });
});
