import { describe, expect, it } from 'vitest';
import { base64Head, sniffImageType } from './sniff-image-type';

describe('sniffImageType', () => {
  it.each([
    ['PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'image/png'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['GIF', Buffer.from('GIF89a\x01\x00', 'latin1'), 'image/gif'],
    ['WebP', Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'), 'image/webp'],
    ['HEIC', Buffer.from('\0\0\0\x18ftypheic', 'latin1'), 'image/heic'],
    ['HEIF', Buffer.from('\0\0\0\x18ftypmif1', 'latin1'), 'image/heif'],
    ['text', Buffer.from('hello'), undefined],
    ['nothing', Buffer.alloc(0), undefined],
    ['a RIFF that is not WebP', Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'), undefined],
  ])('%s', (_name, bytes, expected) => {
    expect(sniffImageType(bytes)).toBe(expected);
  });

  it('reads enough of base64 data to sniff it without decoding the whole image', () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(4096)]).toString('base64');
    expect(base64Head(png).byteLength).toBe(18);
    expect(sniffImageType(base64Head(png))).toBe('image/png');
  });
});
