import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { ICreateScheduleRequest } from './monitoringApi';
import { buildCreateRequest, emptyScheduleForm, IScheduleFormValues } from './scheduleForm';

/**
 * Renders the Create schedule form with name, frequency and baseline. It validates before it
 * submits and shows the first invalid field's message inline.
 */
export function CreateScheduleForm(props: {
  endpointName: string;
  trans: TranslationBundle;
  isBusy: boolean;
  onSubmit: (request: ICreateScheduleRequest) => Promise<boolean>;
  onCancel: () => void;
}): JSX.Element {
  const { trans } = props;
  const [values, setValues] = React.useState<IScheduleFormValues>(emptyScheduleForm);
  const [error, setError] = React.useState<string | null>(null);

  const update = (changes: Partial<IScheduleFormValues>): void => {
    setValues(current => ({ ...current, ...changes }));
    setError(null);
  };

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const result = buildCreateRequest(props.endpointName, values, trans);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    // The model keeps the server's error in its action message, so the form only closes on success.
    if (await props.onSubmit(result.request)) {
      props.onCancel();
    }
  };

  return (
    <form
      className="jp-ChurnStudio-scheduleForm"
      aria-label={trans.__('Create monitoring schedule')}
      onSubmit={event => void submit(event)}
    >
      <label>
        {trans.__('Schedule name')}
        <input
          className="jp-mod-styled"
          name="scheduleName"
          value={values.scheduleName}
          placeholder={`${props.endpointName}-schedule`}
          onChange={event => update({ scheduleName: event.target.value })}
        />
      </label>

      <label>
        {trans.__('Frequency')}
        <select
          className="jp-mod-styled"
          name="frequency"
          value={values.frequency}
          onChange={event => update({ frequency: event.target.value as IScheduleFormValues['frequency'] })}
        >
          <option value="hourly">{trans.__('Hourly')}</option>
          <option value="daily">{trans.__('Daily')}</option>
          <option value="cron">{trans.__('Cron expression')}</option>
        </select>
      </label>
      {values.frequency === 'cron' && (
        <label>
          {trans.__('Cron expression (UTC)')}
          <input
            className="jp-mod-styled"
            name="cronExpression"
            value={values.cronExpression}
            onChange={event => update({ cronExpression: event.target.value })}
          />
        </label>
      )}

      <fieldset>
        <legend>{trans.__('Baseline')}</legend>
        <label className="jp-ChurnStudio-radio">
          <input
            type="radio"
            name="baselineKind"
            checked={values.baselineKind === 'job'}
            onChange={() => update({ baselineKind: 'job' })}
          />
          {trans.__('From a baseline job')}
        </label>
        <label className="jp-ChurnStudio-radio">
          <input
            type="radio"
            name="baselineKind"
            checked={values.baselineKind === 'uris'}
            onChange={() => update({ baselineKind: 'uris' })}
          />
          {trans.__('From statistics and constraints files')}
        </label>
        {values.baselineKind === 'job' ? (
          <label>
            {trans.__('Baseline job name')}
            <input
              className="jp-mod-styled"
              name="baselineJobName"
              value={values.baselineJobName}
              onChange={event => update({ baselineJobName: event.target.value })}
            />
          </label>
        ) : (
          <>
            <label>
              {trans.__('Statistics URI')}
              <input
                className="jp-mod-styled"
                name="statisticsUri"
                value={values.statisticsUri}
                placeholder="s3://bucket/baselining/results/statistics.json"
                onChange={event => update({ statisticsUri: event.target.value })}
              />
            </label>
            <label>
              {trans.__('Constraints URI')}
              <input
                className="jp-mod-styled"
                name="constraintsUri"
                value={values.constraintsUri}
                placeholder="s3://bucket/baselining/results/constraints.json"
                onChange={event => update({ constraintsUri: event.target.value })}
              />
            </label>
          </>
        )}
      </fieldset>

      {error && (
        <div role="alert" className="jp-ChurnStudio-monitoringMessage">
          {error}
        </div>
      )}
      <div className="jp-ChurnStudio-formButtons">
        <button type="submit" className="jp-mod-styled jp-mod-accept" disabled={props.isBusy}>
          {trans.__('Create schedule')}
        </button>
        <button type="button" className="jp-mod-styled jp-mod-reject" onClick={props.onCancel}>
          {trans.__('Cancel')}
        </button>
      </div>
    </form>
  );
}
