import { ITrialComponentArtifacts } from '../api';

/**
 * The output artifact name under which SageMaker training jobs record the model.
 */
export const MODEL_ARTIFACT_NAME = 'SageMaker.ModelArtifact';

/**
 * Returns the URI of the model a trial component produced, or null when it has none.
 *
 * The model is the `SageMaker.ModelArtifact` output artifact, else the first output artifact
 * whose name contains "model" in any case, as runs logged with the SDK often name it.
 */
export function modelArtifactUri(artifacts: ITrialComponentArtifacts): string | null {
  const outputs = artifacts.outputArtifacts ?? {};
  const known = outputs[MODEL_ARTIFACT_NAME];
  if (known?.value) {
    return known.value;
  }

  const names = Object.keys(outputs).sort();
  for (const name of names) {
    if (name.toLowerCase().includes('model') && outputs[name].value) {
      return outputs[name].value;
    }
  }
  return null;
}
