import { TranslationBundle } from '@jupyterlab/translation';

/**
 * SageMaker's rule for endpoint names (CreateEndpoint API reference): 1 to 63 letters, digits and
 * hyphens, starting and ending with a letter or digit.
 */
export const ENDPOINT_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

export const MAX_ENDPOINT_NAME_LENGTH = 63;

/**
 * Returns why `name` cannot name a new endpoint, or null when it can.
 *
 * `existingNames` are the names of the existing endpoints. SageMaker compares names without case.
 */
export function endpointNameProblem(
  name: string,
  existingNames: Iterable<string>,
  trans: TranslationBundle
): string | null {
  if (name.length === 0) {
    return trans.__('Enter an endpoint name.');
  }
  if (name.length > MAX_ENDPOINT_NAME_LENGTH) {
    return trans.__(
      'The name has %1 characters. Use at most %2.',
      name.length,
      MAX_ENDPOINT_NAME_LENGTH
    );
  }
  const bad = name.match(/[^a-zA-Z0-9-]/);
  if (bad) {
    return trans.__('"%1" is an invalid character. Use letters, digits and hyphens.', bad[0]);
  }
  if (!ENDPOINT_NAME_PATTERN.test(name)) {
    return trans.__('Start and end the name with a letter or digit.');
  }
  const lower = name.toLowerCase();
  for (const existingName of existingNames) {
    if (existingName.toLowerCase() === lower) {
      return trans.__('An endpoint named %1 already exists. Choose another name.', existingName);
    }
  }
  return null;
}

/**
 * Suggests a free endpoint name from a trial component name, such as `churn-tc-1-endpoint`.
 */
export function suggestEndpointName(componentName: string, existingNames: Iterable<string>): string {
  const cleaned = componentName
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/-aws-training-job$/, '')
    .replace(/^-+|-+$/g, '');
  const suffix = '-endpoint';
  const base = (cleaned || 'model').slice(0, MAX_ENDPOINT_NAME_LENGTH - suffix.length - 3).replace(/-+$/, '') + suffix;
  const existingLower = new Set(Array.from(existingNames, name => name.toLowerCase()));
  if (!existingLower.has(base.toLowerCase())) {
    return base;
  }
  for (let index = 2; index < 100; index++) {
    const candidate = `${base}-${index}`;
    if (!existingLower.has(candidate.toLowerCase())) {
      return candidate;
    }
  }
  return base;
}
