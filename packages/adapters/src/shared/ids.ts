import { randomBytes } from 'node:crypto';

/** An OpenAI-style id, e.g. `chatcmpl-3f1c…`, for responses whose provider sends none. */
export function generateId(prefix = 'chatcmpl'): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

export function unixSeconds(ms: number = Date.now()): number {
  return Math.floor(ms / 1000);
}
