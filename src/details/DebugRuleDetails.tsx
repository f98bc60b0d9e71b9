import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import {
  DebugRuleWithConfiguration,
  processingJobConsoleUrl,
  processingJobName,
  ruleOutcome,
  RuleOutcome,
  ruleParameterRows
} from './ruleOutcome';

/**
 * Renders the details of one Debugger rule: its status, what its evaluation found, its
 * parameters and its processing job.
 *
 * `statusText` is the translated status, as the rule table shows it.
 */
export function DebugRuleDetails(props: {
  rule: DebugRuleWithConfiguration;
  statusText: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { rule, statusText, trans } = props;
  const outcome = ruleOutcome(rule.details);
  const parameters = ruleParameterRows(rule);
  const jobName = processingJobName(rule.ruleEvaluationJobArn);
  const consoleUrl = processingJobConsoleUrl(rule.ruleEvaluationJobArn);

  return (
    <section
      className="jp-ChurnStudio-ruleDetailsView"
      data-rule-name={rule.name ?? ''}
      aria-label={trans.__('Debugger details of %1', rule.name ?? '')}
    >
      <h3>{trans.__('Debugger details: %1', rule.name ?? '')}</h3>
      <table className="jp-ChurnStudio-detailsTable jp-ChurnStudio-ruleSummary">
        <tbody>
          <tr data-field="status">
            <th scope="row">{trans.__('Status')}</th>
            <td className="jp-ChurnStudio-ruleStatus" data-status={rule.status ?? ''}>
              {statusText}
            </td>
          </tr>
          <tr data-field="lastModified">
            <th scope="row">{trans.__('Last modified')}</th>
            <td>{rule.lastModified ? Time.format(rule.lastModified) : ''}</td>
          </tr>
          <tr data-field="evaluation">
            <th scope="row">{trans.__('Evaluation')}</th>
            <td className="jp-ChurnStudio-ruleOutcome">{outcomeText(outcome, rule.status, trans)}</td>
          </tr>
          {rule.explanation && (
            <tr data-field="explanation">
              <th scope="row">{trans.__('Condition')}</th>
              <td className="jp-ChurnStudio-ruleExplanation">{rule.explanation}</td>
            </tr>
          )}
          <tr data-field="processingJob">
            <th scope="row">{trans.__('Rule processing job')}</th>
            <td>
              {jobName ?? trans.__('None reported')}
              {consoleUrl && (
                <>
                  {' '}
                  <a href={consoleUrl} target="_blank" rel="noopener noreferrer">
                    {trans.__('Open in the AWS console')}
                  </a>
                </>
              )}
            </td>
          </tr>
          <tr data-field="processingJobArn">
            <th scope="row">{trans.__('Processing job ARN')}</th>
            <td className="jp-ChurnStudio-ruleJobArn">{rule.ruleEvaluationJobArn ?? ''}</td>
          </tr>
          {rule.evaluatorImage && (
            <tr data-field="evaluatorImage">
              <th scope="row">{trans.__('Rule evaluator image')}</th>
              <td>{rule.evaluatorImage}</td>
            </tr>
          )}
        </tbody>
      </table>

      <h4>{trans.__('Rule parameters')}</h4>
      {parameters.length > 0 ? (
        <table className="jp-ChurnStudio-detailsTable jp-ChurnStudio-ruleParameters">
          <thead>
            <tr>
              <th>{trans.__('Parameter')}</th>
              <th>{trans.__('Value')}</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map(parameter => (
              <tr key={parameter.name} data-parameter-name={parameter.name}>
                <td>{parameter.name}</td>
                <td>{parameter.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="jp-ChurnStudio-detailsMessage">
          {rule.parameters
            ? trans.__('The rule runs with its default parameters.')
            : trans.__('The server did not report the parameters of this rule.')}
        </p>
      )}

      {rule.details && (
        <>
          <h4>{trans.__('Status details')}</h4>
          <pre className="jp-ChurnStudio-ruleStatusDetails">{rule.details}</pre>
        </>
      )}
    </section>
  );
}

/**
 * Returns one sentence about what the evaluation found.
 */
export function outcomeText(outcome: RuleOutcome | null, status: string | null, trans: TranslationBundle): string {
  if (outcome?.kind === 'conditionMet') {
    return trans.__('The condition of %1 was met at step %2.', outcome.ruleClass, outcome.step);
  }
  if (outcome?.kind === 'error') {
    return trans.__('The rule failed with %1: %2', outcome.errorClass, outcome.message);
  }
  if (outcome?.kind === 'text') {
    return outcome.text;
  }
  switch (status) {
    case 'NoIssuesFound':
      return trans.__('Every saved step was evaluated and the condition was never met.');
    case 'InProgress':
      return trans.__('The rule is still evaluating the saved steps.');
    case 'Stopping':
    case 'Stopped':
      return trans.__('The training job was stopped, and the rule with it.');
    default:
      return trans.__('No details reported.');
  }
}
