/**
 * Compact binary sections of a model file, as base64 text (JSON-safe, portable: `btoa`/`atob`
 * exist in Node 20, browsers and edge runtimes).
 */

/** Bytes → base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk));
  }
  return btoa(binary);
}

/** base64 → bytes. @throws Error when the text is not base64. */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Ascending unsigned 32-bit integers as LEB128 varints of their differences. */
export function encodeSortedUint32(values: readonly number[]): Uint8Array {
  const out: number[] = [];
  let previous = 0;
  for (const value of values) {
    let delta = value - previous;
    if (delta < 0 || !Number.isInteger(delta)) throw new Error('values must be ascending unsigned integers');
    previous = value;
    while (delta >= 0x80) {
      out.push((delta % 0x80) | 0x80);
      delta = Math.floor(delta / 0x80);
    }
    out.push(delta);
  }
  return Uint8Array.from(out);
}

/** Inverse of `encodeSortedUint32`. @throws Error on a truncated varint. */
export function decodeSortedUint32(bytes: Uint8Array): number[] {
  const values: number[] = [];
  let previous = 0;
  let index = 0;
  while (index < bytes.length) {
    let delta = 0;
    let factor = 1;
    while (true) {
      if (index >= bytes.length) throw new Error('truncated varint');
      const byte = bytes[index] as number;
      index += 1;
      delta += (byte & 0x7f) * factor;
      factor *= 0x80;
      if (byte < 0x80) break;
      if (factor > 2 ** 35) throw new Error('varint too long');
    }
    previous += delta;
    values.push(previous);
  }
  return values;
}
