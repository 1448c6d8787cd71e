import { RefractValidationError, zodIssues } from '../errors/validation-error';
import { chatRequestSchema, type ChatRequest } from './chat-request';
import { embeddingsRequestSchema, type EmbeddingsRequest } from './embeddings';

/**
 * Validates an unknown value as a chat-completions request. Unknown fields are preserved.
 *
 * @throws RefractValidationError listing every offending path.
 * @example
 * const request = parseChatRequest(await httpRequest.json());
 */
export function parseChatRequest(value: unknown): ChatRequest {
  const result = chatRequestSchema.safeParse(value);
  if (!result.success) throw new RefractValidationError('chat request', zodIssues(result.error));
  return result.data;
}

/** Validates an embeddings request. @throws RefractValidationError */
export function parseEmbeddingsRequest(value: unknown): EmbeddingsRequest {
  const result = embeddingsRequestSchema.safeParse(value);
  if (!result.success) throw new RefractValidationError('embeddings request', zodIssues(result.error));
  return result.data;
}
