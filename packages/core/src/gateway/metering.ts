import type { Usage } from '../providers/usage';
import type { ChatRequest } from '../spec/chat-request';
import { countChatTokens } from '../tokenizer/count-chat-tokens';
import type { Tokenizer } from '../tokenizer/tokenizer';

export interface MeteredUsage {
  usage: Usage;
  /** `reported` when the provider sent usage, `estimated` when Refract counted. */
  source: 'reported' | 'estimated';
}

/**
 * The usage of a finished call: the provider's report when it sent one (the source of truth,
 * cached tokens included), else counted with the tokenizer, input from the request sent and output
 * from the text generated (streams included: the seed never counted stream output).
 */
export function meterUsage(reported: Usage | undefined, request: ChatRequest, outputText: string, tokenizer: Tokenizer): MeteredUsage {
  if (reported && (reported.inputTokens > 0 || reported.outputTokens > 0)) return { usage: reported, source: 'reported' };
  return {
    usage: { inputTokens: countChatTokens(request, tokenizer), outputTokens: outputText === '' ? 0 : tokenizer.count(outputText) },
    source: 'estimated',
  };
}
