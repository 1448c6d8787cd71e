import { isRefractError } from './refract-error';

/** The body OpenAI sends with every error, which every OpenAI SDK parses. */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
    details?: Record<string, unknown>;
  };
}

/**
 * Turns any thrown value into an HTTP status and an OpenAI-format error body. Unknown errors
 * become a 500 with a generic message: internal details are not leaked to clients.
 */
export function toOpenAIError(error: unknown): { status: number; body: OpenAIErrorBody } {
  if (isRefractError(error)) {
    return {
      status: error.status,
      body: {
        error: {
          message: error.message,
          type: error.type,
          param: error.param ?? null,
          code: error.openaiCode,
          ...(error.details ? { details: error.details } : {}),
        },
      },
    };
  }
  return {
    status: 500,
    body: { error: { message: 'Internal server error', type: 'server_error', param: null, code: 'internal_error' } },
  };
}
