/**
 * Something an adapter changed or could not honour. Warnings are returned with the response and
 * shown in the trace; they are never silent.
 */
export interface ProviderWarning {
  type: 'unsupported-parameter' | 'parameter-changed' | 'content-filtered' | 'other';
  /** The request field concerned, e.g. `logit_bias` or `messages.3.content.1`. */
  parameter?: string;
  message: string;
}
