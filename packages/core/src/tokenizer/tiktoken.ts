import { get_encoding, type Tiktoken, type TiktokenEncoding } from 'tiktoken';
import type { Tokenizer } from './tokenizer';

export interface TiktokenTokenizerOptions {
  /** Default `o200k_base` (GPT-4o and later); `cl100k_base` for GPT-4 / GPT-3.5. */
  encoding?: TiktokenEncoding;
}

/**
 * Exact token counts for OpenAI encodings, through the `tiktoken` WebAssembly port. Import it
 * from `@refract/core/tiktoken` so builds that do not need it (edge runtimes) skip the WASM.
 *
 * @example
 * import { createTiktokenTokenizer } from '@refract/core/tiktoken';
 * const router = createRouter({ tokenizer: createTiktokenTokenizer() });
 */
export function createTiktokenTokenizer(options: TiktokenTokenizerOptions = {}): Tokenizer & { free(): void } {
  const name = options.encoding ?? 'o200k_base';
  let encoding: Tiktoken | undefined = get_encoding(name);
  return {
    name: `tiktoken:${name}`,
    count(text: string): number {
      encoding ??= get_encoding(name);
      return text.length === 0 ? 0 : encoding.encode_ordinary(text).length;
    },
    free(): void {
      encoding?.free();
      encoding = undefined;
    },
  };
}
