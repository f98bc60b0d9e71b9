/**
 * @jest-environment jsdom
 */
// Vega is replaced because jsdom has no layout and vega-embed ships ES modules only, so these
// tests check what the hook hands to the renderer and what it does with the result.
import * as React from 'react';
import { act } from 'react';

import { VegaLiteSpec } from '../chart/chartSpec';
import { useVegaChart } from '../chart/useVegaChart';
import { mountRootPerTest } from './mountedRoot';

jest.mock('../chart/chartRenderer', () => ({
  renderChart: jest.fn()
}));

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { renderChart } = require('../chart/chartRenderer') as { renderChart: jest.Mock };

function Chart(props: { spec: VegaLiteSpec | null; isLight: boolean }): JSX.Element {
  const { container, error } = useVegaChart(
    config => (props.spec ? { ...props.spec, config } : null),
    props.isLight,
    [props.spec, props.isLight]
  );
  return (
    <>
      {error && <p className="error">{error}</p>}
      <div ref={container} className="canvas" />
    </>
  );
}

describe('useVegaChart', () => {
  const mounted = mountRootPerTest();
  const render = mounted.render;
  beforeEach(() => {
    renderChart.mockReset();
  });

  it('renders spec with theme config', async () => {
    renderChart.mockResolvedValue({ finalize: jest.fn() });
    document.body.style.setProperty('--jp-layout-color0', '#111111');

    await render(<Chart spec={{ mark: 'bar' }} isLight={false} />);

    expect(renderChart).toHaveBeenCalledTimes(1);
    const [element, spec, isLight] = renderChart.mock.calls[0];
    expect(element).toBe(mounted.container.querySelector('.canvas'));
    expect(spec.mark).toBe('bar');
    expect(spec.config.background).toBe('#111111');
    expect(isLight).toBe(false);
    document.body.style.removeProperty('--jp-layout-color0');
  });

  it('shows a failed drawing', async () => {
    renderChart.mockRejectedValue(new Error('Invalid spec: unknown mark'));

    await render(<Chart spec={{ mark: 'nope' }} isLight />);

    expect(mounted.container.querySelector('.error')?.textContent).toBe('Invalid spec: unknown mark');
  });

  it('finalizes previous drawing on redraw', async () => {
    const first = jest.fn();
    const second = jest.fn();
    renderChart.mockResolvedValueOnce({ finalize: first }).mockResolvedValueOnce({ finalize: second });

    await render(<Chart spec={{ mark: 'bar' }} isLight />);
    await render(<Chart spec={{ mark: 'line' }} isLight />);

    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
    act(() => mounted.root.render(<></>));
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('clears container for null spec', async () => {
    renderChart.mockResolvedValue({ finalize: jest.fn() });
    await render(<Chart spec={null} isLight />);
    const canvas = mounted.container.querySelector('.canvas')!;
    canvas.appendChild(document.createElement('svg'));

    await render(<Chart spec={null} isLight={false} />);

    expect(canvas.childNodes.length).toBe(0);
    expect(renderChart).not.toHaveBeenCalled();
  });
});
