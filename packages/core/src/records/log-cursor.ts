import { RefractError } from '../errors/refract-error';

/** The position after the last item of a page: newest-first order is (timestamp desc, id desc). */
export interface LogCursor {
  timestamp: number;
  id: string;
}

/**
 * @example
 * encodeLogCursor({ timestamp: last.timestamp, id: last.id });
 */
export function encodeLogCursor(cursor: LogCursor): string {
  return Buffer.from(JSON.stringify([cursor.timestamp, cursor.id]), 'utf8').toString('base64url');
}

/**
 * Parses a cursor from a previous page; a forged or corrupt one is a 400.
 *
 * @example
 * const after = decodeLogCursor(query.cursor);
 */
export function decodeLogCursor(text: string): LogCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { timestamp: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new RefractError('REFRACT_ERR_VALIDATION', 'Invalid cursor: pass next_cursor from the previous page unchanged', { param: 'cursor' });
}

/** Page size: 1–500, default 50. */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return 50;
  return Math.min(500, Math.max(1, Math.floor(limit)));
}

/** True when `a` sorts before `b` in newest-first order. */
export function newerThan(a: LogCursor, b: LogCursor): boolean {
  return a.timestamp > b.timestamp || (a.timestamp === b.timestamp && a.id > b.id);
}
