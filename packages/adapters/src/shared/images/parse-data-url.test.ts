import { describe, expect, it } from 'vitest';
import { DataUrlError, normalizeMediaType, parseDataUrl } from './parse-data-url';

describe('parseDataUrl', () => {
  it('decodes base64 and percent-encoded data URLs', () => {
    expect(parseDataUrl('data:image/jpeg;base64,/9j/4AAQ')).toEqual({ mediaType: 'image/jpeg', base64: '/9j/4AAQ' });
    expect(parseDataUrl('data:image/svg+xml,%3Csvg%2F%3E')).toEqual({ mediaType: 'image/svg+xml', base64: Buffer.from('<svg/>').toString('base64') });
  });

  it('normalises what clients really send: case, parameters, white space, the URL-safe alphabet, JPEG aliases', () => {
    expect(parseDataUrl('DATA:Image/JPG;name=a.jpg;BASE64,/9j/\n4AAQ')).toEqual({ mediaType: 'image/jpeg', base64: '/9j/4AAQ' });
    expect(parseDataUrl('data:image/png;base64,ab-_')).toEqual({ mediaType: 'image/png', base64: 'ab+/' });
    expect(parseDataUrl('data:;base64,aGk=')).toEqual({ mediaType: 'text/plain', base64: 'aGk=' });
  });

  it.each([
    ['data:image/png;base64,not base64!', 'is not valid base64'],
    ['data:image/png;base64,@@@', 'is not valid base64'],
    ['data:image/png;base64', 'has no comma'],
    ['data:image/png;base64,', 'has no data'],
    ['data:text/plain,%E0%A4%A', 'malformed percent-encoding'],
    ['https://example.com/a.png', 'is not a data: URL'],
  ])('refuses %s (%s)', (url, why) => {
    expect(() => parseDataUrl(url)).toThrow(DataUrlError);
    expect(() => parseDataUrl(url)).toThrow(why);
  });
});

describe('normalizeMediaType', () => {
  it.each([
    ['image/png', 'image/png'],
    ['Image/PNG; charset=binary', 'image/png'],
    ['image/jpg', 'image/jpeg'],
    ['image/pjpeg', 'image/jpeg'],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (input, expected) => {
    expect(normalizeMediaType(input)).toBe(expected);
  });
});
