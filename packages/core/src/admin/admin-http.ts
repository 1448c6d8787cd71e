import type { z } from 'zod';
import { RefractError } from '../errors/refract-error';
import { toOpenAIError } from '../errors/to-openai-error';
import { RefractValidationError, zodIssues } from '../errors/validation-error';

/** A JSON response with `cache-control: no-store` (admin answers hold secrets and live numbers). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** The OpenAI-format error response for anything thrown. */
export function errorResponse(error: unknown): Response {
  const { status, body } = toOpenAIError(error);
  return json(body, status);
}

/** Reads and validates a JSON body; a missing, oversized or malformed body is a 400/413 naming every problem. */
export async function readBody<Schema extends z.ZodType>(request: Request, schema: Schema, maxBytes: number): Promise<z.output<Schema>> {
  const text = await request.text();
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new RefractError('REFRACT_ERR_BODY_TOO_LARGE', `The request body exceeds ${maxBytes} bytes`);
  }
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new RefractError('REFRACT_ERR_INVALID_JSON', 'The request body is not valid JSON');
  }
  return parseWith(schema, value, 'request body');
}

export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new RefractValidationError(what, zodIssues(result.error));
  return result.data;
}

/** The query string as a plain object (last value wins). */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
