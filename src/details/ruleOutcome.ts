import { IDebugRule } from '../api';

/**
 * A Debugger rule with the fields of its configuration, which a server may add to the rule
 * status: the `RuleParameters` of `DebugRuleConfigurations` (all strings, as SageMaker stores
 * them), the evaluator image, and the local engine's explanation of the firing step's values.
 *
 * NOTE: `GET trial-components/<name>` does not send these fields yet, so the details view shows
 * a message that the server did not report the rule's parameters.
 */
export type DebugRuleWithConfiguration = IDebugRule & {
  parameters?: { [name: string]: string } | null;
  evaluatorImage?: string | null;
  explanation?: string | null;
};

/**
 * The content of a rule's `StatusDetails`: the step at which the condition was met, an error
 * with its class, or other text.
 */
export type RuleOutcome =
  | { kind: 'conditionMet'; ruleClass: string; step: number }
  | { kind: 'error'; errorClass: string; message: string }
  | { kind: 'text'; text: string };

// SageMaker's IssuesFound text: "RuleEvaluationConditionMet: Evaluation of the rule <RuleName> at
// step <N> resulted in the condition being met", with a trailing newline.
const CONDITION_MET = /Evaluation of the rule (\S+) at step (\d+) resulted in the condition being met/;

// Error details start with an error class such as "ClientError: " or "InternalServerError: ".
const ERROR_CLASS = /^([A-Za-z][A-Za-z0-9]*Error):\s*([\s\S]*)$/;

const PROCESSING_JOB_MARKER = ':processing-job/';

/**
 * Reads a rule's `StatusDetails`, or returns null when it has none.
 */
export function ruleOutcome(details: string | null): RuleOutcome | null {
  const text = (details ?? '').trim();
  if (!text) {
    return null;
  }
  const met = CONDITION_MET.exec(text);
  if (met) {
    return { kind: 'conditionMet', ruleClass: met[1], step: Number(met[2]) };
  }
  const error = ERROR_CLASS.exec(text);
  if (error) {
    return { kind: 'error', errorClass: error[1], message: error[2].trim() };
  }
  return { kind: 'text', text };
}

/**
 * Returns the rule parameters sorted by name, or an empty list when the server sent none.
 */
export function ruleParameterRows(rule: DebugRuleWithConfiguration): { name: string; value: string }[] {
  return Object.entries(rule.parameters ?? {})
    .map(([name, value]) => ({ name, value: String(value) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Returns the processing job name of a rule evaluation job ARN, or null for another ARN.
 */
export function processingJobName(arn: string | null): string | null {
  if (!arn || !arn.includes(PROCESSING_JOB_MARKER)) {
    return null;
  }
  return arn.split(PROCESSING_JOB_MARKER, 2)[1] || null;
}

/**
 * Returns the AWS console address of a rule's processing job, or null when the ARN is not a
 * processing job of a real AWS region (the local backend's ARNs use the region `local`).
 */
export function processingJobConsoleUrl(arn: string | null): string | null {
  const name = processingJobName(arn);
  // arn:<partition>:sagemaker:<region>:<account>:processing-job/<name>
  const parts = (arn ?? '').split(':');
  const partition = parts[1];
  const region = parts[3];
  if (!name || partition !== 'aws' || !region || region === 'local') {
    return null;
  }
  const query = `region=${encodeURIComponent(region)}`;
  return `https://${region}.console.aws.amazon.com/sagemaker/home?${query}#/processing-jobs/${encodeURIComponent(name)}`;
}
