import { ReactWidget } from '@jupyterlab/ui-components';

import { PollingModel } from '../models/pollingModel';

/**
 * The base of widgets that render one polling model. The widget redraws on each change of the
 * model, and disposing the widget disposes the model, which stops its polling.
 */
export abstract class PollingModelPanel<M extends PollingModel> extends ReactWidget {
  constructor(model: M) {
    super();
    this.model = model;
    this.model.changed.connect(() => this.update(), this);
  }

  readonly model: M;

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }
}
