// Read at bundle time, so the version the frontend reports is always the one in package.json.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageJson = require('../package.json') as { version: string };

/**
 * The version of this labextension. The server extension must report the same one.
 */
export const FRONTEND_VERSION: string = packageJson.version;
