import type { ChatRequest, ProviderWarning } from '@refract/core';

/**
 * One `unsupported-parameter` warning per `image_url.detail` the provider has no setting for
 * (`auto`, or none, is what every provider does anyway), naming its path. For the adapters whose
 * provider takes no per-image detail: Anthropic, Bedrock, Gemini, Ollama.
 *
 * @example
 * warnings.push(...imageDetailWarnings(request.messages, 'Gemini'));
 */
export function imageDetailWarnings(messages: ChatRequest['messages'], providerName: string): ProviderWarning[] {
  const warnings: ProviderWarning[] = [];
  messages.forEach((message, messageIndex) => {
    const content = (message as { content?: unknown }).content;
    if (!Array.isArray(content)) return;
    content.forEach((part: unknown, partIndex) => {
      if (!part || typeof part !== 'object' || (part as { type?: unknown }).type !== 'image_url') return;
      const detail = ((part as { image_url?: { detail?: unknown } }).image_url ?? {}).detail;
      if (detail === undefined || detail === null || detail === 'auto') return;
      warnings.push({
        type: 'unsupported-parameter',
        parameter: `messages.${messageIndex}.content.${partIndex}.image_url.detail`,
        message: `${providerName} has no image detail setting; the image was sent without detail ${JSON.stringify(detail)}`,
      });
    });
  });
  return warnings;
}
