/**
 * The image type of some bytes from their signature: PNG, JPEG, GIF, WebP, HEIC and HEIF.
 * Undefined when the bytes are none of these (or too few to tell).
 *
 * @example
 * sniffImageType(Buffer.from('89504e470d0a1a0a', 'hex')); // 'image/png'
 */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const ascii = (start: number, end: number): string => String.fromCharCode(...bytes.subarray(start, end));
  if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (['heic', 'heix', 'heim', 'heis'].includes(brand)) return 'image/heic';
    if (['mif1', 'msf1', 'heif'].includes(brand)) return 'image/heif';
  }
  return undefined;
}

/**
 * The first bytes of base64 data: enough for `sniffImageType`, without decoding a whole image.
 *
 * @example
 * sniffImageType(base64Head(dataUrl.base64)); // 'image/jpeg'
 */
export function base64Head(base64: string): Uint8Array {
  return Buffer.from(base64.slice(0, 24), 'base64');
}
