// Removes the TypeScript output and the built labextension so the next build starts clean.
import { rmSync } from 'node:fs';

const outputs = ['lib', 'tsconfig.tsbuildinfo', 'churn_studio_ext/labextension'];

for (const output of outputs) {
  rmSync(output, { recursive: true, force: true });
}
