/** Options of `createDemoAdapter`. Every field is optional. */
export interface DemoAdapterOptions {
  /** Instance id within a router. Default `demo`. */
  id?: string;
  /**
   * Says more about a model in the answer, e.g. `(model) => 'a high-tier model'`. The standalone
   * server passes the tier the router knows for the model.
   */
  describeModel?: (model: string) => string | undefined;
  /** A last line for every text answer, e.g. how to configure a real provider. */
  hint?: string;
  /** Pause between streamed chunks, in ms, to make streaming visible. Default 0. */
  chunkDelayMs?: number;
}

/** The provider id the demo adapter uses unless told otherwise. */
export const DEMO_PROVIDER_ID = 'demo';

/** Marks every text answer of the demo provider, so nobody mistakes it for a model's answer. */
export const DEMO_ANSWER_PREFIX = '[Refract demo]';
