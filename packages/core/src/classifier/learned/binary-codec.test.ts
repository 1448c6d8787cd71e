import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeSortedUint32, encodeBase64, encodeSortedUint32 } from './binary-codec';

describe('model binary sections', () => {
  it('round-trips ascending unsigned 32-bit values through varint deltas and base64', () => {
    const values = [0, 1, 127, 128, 300, 65_535, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1];
    const bytes = encodeSortedUint32(values);
    expect(decodeSortedUint32(decodeBase64(encodeBase64(bytes)))).toEqual(values);
    expect(encodeSortedUint32([5, 6, 7]).length).toBe(3);
  });

  it('refuses unsorted input and truncated data', () => {
    expect(() => encodeSortedUint32([3, 2])).toThrow(/ascending/);
    expect(() => decodeSortedUint32(Uint8Array.from([0x80]))).toThrow(/truncated/);
    expect(() => decodeBase64('*not base64*')).toThrow();
  });

  it('handles byte arrays larger than one encoding chunk', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, index) => (index * 7) & 0xff);
    const decoded = decodeBase64(encodeBase64(bytes));
    expect(decoded.length).toBe(bytes.length);
    expect(decoded.every((value, index) => value === bytes[index])).toBe(true);
  });
});
