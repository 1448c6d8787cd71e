import type { ChatMessage, ChatRequest } from '../spec/chat-request';

/**
 * Adds the tenant's default system prompt and the routed category's target prompt as ONE system
 * message at the very start, leaving the client's own messages byte for byte as they were. The
 * injected text depends only on (tenant, category), so every request of a category starts with the
 * same bytes and provider prompt caches (which match on a prefix) keep hitting; the seed appended
 * the category text to the client's last system message, which changed the prefix whenever the
 * category changed. FIM requests get nothing (a completion prompt must stay exact).
 */
export function injectSystemPrompts(request: ChatRequest, parts: { tenantPrompt?: string | undefined; categoryPrompt?: string | undefined; skip?: boolean }): ChatRequest {
  if (parts.skip) return request;
  const text = [parts.tenantPrompt, parts.categoryPrompt].map((part) => part?.trim() ?? '').filter((part) => part !== '').join('\n\n');
  if (text === '') return request;
  const injected: ChatMessage = { role: 'system', content: text };
  return { ...request, messages: [injected, ...request.messages] };
}
