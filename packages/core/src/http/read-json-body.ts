import { RefractError } from '../errors/refract-error';

/** Default request body limit: 32 MiB, enough for long-context and image requests (the seed's 4 MB was not). */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Reads a JSON body up to `maxBytes`, counting bytes as they arrive so an oversized body is
 * refused without being buffered whole. @throws RefractError 413 or 400.
 */
export async function readJsonBody(request: Request, maxBytes: number = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (Number.isFinite(declared) && declared > 0) {
    // HTTP framing holds the body to its declared length, so it can be read in one go (a bridge
    // may serve that without a stream); the length is checked again in case the header lied.
    const whole = new Uint8Array(await request.arrayBuffer());
    if (whole.byteLength > maxBytes) throw tooLarge(maxBytes);
    return parse(new TextDecoder().decode(whole));
  }
  if (!request.body) throw new RefractError('REFRACT_ERR_INVALID_JSON', 'The request has no body; send a JSON object.');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return parse(new TextDecoder().decode(concat(chunks, size)));
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RefractError('REFRACT_ERR_INVALID_JSON', `The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function tooLarge(maxBytes: number): RefractError {
  return new RefractError('REFRACT_ERR_BODY_TOO_LARGE', `The request body exceeds ${maxBytes} bytes.`, { details: { max_bytes: maxBytes } });
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
