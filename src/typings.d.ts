// The bundler and Jest both provide CommonJS `require`. Only `version.ts` uses it, to read package.json.
declare function require(path: string): unknown;

declare module '*.svg' {
  const svg: string;
  export default svg;
}
