import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { ICreateScheduleRequest } from './monitoringApi';
import { buildCreateRequest, emptyScheduleForm, IScheduleFormValues } from './scheduleForm';

/**
 * The fields of the form that are free text.
 */
type TextFieldName = 'scheduleName' | 'cronExpression' | 'baselineJobName' | 'statisticsUri' | 'constraintsUri';

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

  const textField = (name: TextFieldName, label: string, placeholder?: string): JSX.Element => (
    <label>
      {label}
      <input
        className="jp-mod-styled"
        name={name}
        value={values[name]}
        placeholder={placeholder}
        onChange={event => update({ [name]: event.target.value })}
      />
    </label>
  );

  const baselineRadio = (kind: IScheduleFormValues['baselineKind'], label: string): JSX.Element => (
    <label className="jp-ChurnStudio-radio">
      <input
        type="radio"
        name="baselineKind"
        checked={values.baselineKind === kind}
        onChange={() => update({ baselineKind: kind })}
      />
      {label}
    </label>
  );

  return (
    <form
      className="jp-ChurnStudio-scheduleForm"
      aria-label={trans.__('Create monitoring schedule')}
      onSubmit={event => void submit(event)}
    >
      {textField('scheduleName', trans.__('Schedule name'), `${props.endpointName}-schedule`)}

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
      {values.frequency === 'cron' && textField('cronExpression', trans.__('Cron expression (UTC)'))}

      <fieldset>
        <legend>{trans.__('Baseline')}</legend>
        {baselineRadio('job', trans.__('From a baseline job'))}
        {baselineRadio('uris', trans.__('From statistics and constraints files'))}
        {values.baselineKind === 'job' ? (
          textField('baselineJobName', trans.__('Baseline job name'))
        ) : (
          <>
            {textField(
              'statisticsUri',
              trans.__('Statistics URI'),
              's3://bucket/baselining/results/statistics.json'
            )}
            {textField(
              'constraintsUri',
              trans.__('Constraints URI'),
              's3://bucket/baselining/results/constraints.json'
            )}
          </>
        )}
      </fieldset>

      {error && (
        <div role="alert" className="jp-ChurnStudio-monitoringMessage">
          {error}
        </div>
      )}
      <div className="jp-ChurnStudio-formButtons">
        <button
          type="submit"
          className="jp-Button jp-mod-styled jp-mod-small jp-mod-accept"
          disabled={props.isBusy}
        >
          {trans.__('Create schedule')}
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-small jp-mod-reject"
          onClick={props.onCancel}
        >
          {trans.__('Cancel')}
        </button>
      </div>
    </form>
  );
}
