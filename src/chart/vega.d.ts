// Declarations of the parts of vega-embed 7 and vega-interpreter 2 that the chart uses. Their
// packages publish types only through `exports`, which this project's `moduleResolution: node`
// does not read.

declare module 'vega-embed' {
  /**
   * The Vega view that vega-embed renders.
   */
  export interface IVegaView {
    toImageURL(type: 'png' | 'svg', scaleFactor?: number): Promise<string>;
    finalize(): void;
  }

  /**
   * The result of `embed`.
   */
  export interface IEmbedResult {
    view: IVegaView;
    finalize(): void;
  }

  export default function embed(
    element: HTMLElement,
    spec: object,
    options?: { [key: string]: unknown }
  ): Promise<IEmbedResult>;
}

declare module 'vega-interpreter' {
  /**
   * Evaluates Vega expressions from their parsed AST instead of compiling them with `Function`.
   */
  export const expressionInterpreter: unknown;
}
