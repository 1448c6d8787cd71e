import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildCanonicalRequest, buildStringToSign, canonicalUri, deriveSigningKey, sha256Hex, signRequest, toAmzDate, uriEncode } from './index';

/**
 * Known answers. The example credentials and the expected values below are the ones AWS publishes
 * with the SigV4 specification:
 * - the "aws-sig-v4-test-suite" cases get-vanilla, get-vanilla-query-order-key-case, post-vanilla and
 *   get-utf8 (access key AKIDEXAMPLE, the example secret, 2015-08-30T12:36:00Z, region us-east-1,
 *   service "service", host example.amazonaws.com);
 * - the IAM user guide's key-derivation example (2012-02-15, us-east-1, iam) and its
 *   "GET ?Action=ListUsers&Version=2010-05-08" walk-through (2015-08-30, iam.amazonaws.com).
 * Our code computes every value from the algorithm; nothing is copied from another implementation.
 */
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const SUITE = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET },
  region: 'us-east-1',
  service: 'service',
  date: new Date(Date.UTC(2015, 7, 30, 12, 36, 0)),
};
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('SigV4 signing key', () => {
  it('derives the key of the IAM documentation example (20120215/us-east-1/iam)', () => {
    expect(deriveSigningKey(SECRET, '20120215', 'us-east-1', 'iam').toString('hex')).toBe(
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
  });

  it('derives the key of the test suite (20150830/us-east-1/service)', () => {
    expect(deriveSigningKey(SECRET, '20150830', 'us-east-1', 'service').toString('hex')).toBe(
      '938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75',
    );
  });
});

describe('SigV4 test suite', () => {
  it('get-vanilla: canonical request, string to sign and signature', () => {
    const signed = signRequest({ ...SUITE, method: 'GET', url: new URL('https://example.amazonaws.com/'), headers: {}, body: '' });
    expect(signed.canonicalRequest).toBe(
      ['GET', '/', '', 'host:example.amazonaws.com', 'x-amz-date:20150830T123600Z', '', 'host;x-amz-date', EMPTY_SHA256].join('\n'),
    );
    expect(signed.stringToSign).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
    );
    expect(signed.headers['authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    expect(signed.headers['x-amz-date']).toBe('20150830T123600Z');
    expect(signed.headers['x-amz-security-token']).toBeUndefined();
  });

  it('get-vanilla-query-order-key-case: query parameters are sorted', () => {
    const url = new URL('https://example.amazonaws.com/?Param2=value2&Param1=value1');
    const signed = signRequest({ ...SUITE, method: 'GET', url, headers: {}, body: '' });
    expect(signed.canonicalRequest.split('\n')[2]).toBe('Param1=value1&Param2=value2');
    expect(signed.signature).toBe('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
  });

  it('post-vanilla: an empty POST body hashes as the empty string', () => {
    const signed = signRequest({ ...SUITE, method: 'POST', url: new URL('https://example.amazonaws.com/'), headers: {}, body: '' });
    expect(signed.signature).toBe('5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
  });

  it('get-utf8: a raw UTF-8 path segment is percent-encoded byte by byte', () => {
    const canonical = buildCanonicalRequest({
      method: 'GET',
      path: '/ሴ',
      query: '',
      headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
      payloadHash: EMPTY_SHA256,
    });
    expect(canonical.text.split('\n')[1]).toBe('/%E1%88%B4');
    const stringToSign = buildStringToSign('20150830T123600Z', '20150830/us-east-1/service/aws4_request', canonical.text);
    const signature = createHmac('sha256', deriveSigningKey(SECRET, '20150830', 'us-east-1', 'service')).update(stringToSign).digest('hex');
    expect(signature).toBe('8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85');
  });

  it('the IAM guide example: GET ListUsers with a content-type header', () => {
    const signed = signRequest({
      ...SUITE,
      service: 'iam',
      method: 'GET',
      url: new URL('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: '',
    });
    expect(sha256Hex(signed.canonicalRequest)).toBe('f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
    expect(deriveSigningKey(SECRET, '20150830', 'us-east-1', 'iam').toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
    expect(signed.signature).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });
});

describe('SigV4 for Bedrock', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: 'FQoGZXIvYXdzE//token+with/slashes=' };
  const url = new URL('https://bedrock-runtime.eu-west-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse');
  const body = '{"messages":[{"role":"user","content":[{"text":"hi"}]}]}';
  const signed = signRequest({
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body,
    credentials,
    region: 'eu-west-1',
    service: 'bedrock',
    date: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
  });

  it('signs the model id path encoded twice, the session token and the body hash', () => {
    // Written by hand from the specification: the wire path carries `%3A` for the colon of the
    // model id and the canonical URI encodes each segment once more, giving `%253A`.
    expect(signed.canonicalRequest).toBe(
      [
        'POST',
        '/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse',
        '',
        'accept:application/json',
        'content-type:application/json',
        'host:bedrock-runtime.eu-west-1.amazonaws.com',
        'x-amz-date:20250102T030405Z',
        'x-amz-security-token:FQoGZXIvYXdzE//token+with/slashes=',
        '',
        'accept;content-type;host;x-amz-date;x-amz-security-token',
        sha256Hex(body),
      ].join('\n'),
    );
    expect(signed.headers['x-amz-security-token']).toBe(credentials.sessionToken);
    expect(signed.headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20250102\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
  });

  it('produces the signature of the HMAC chain over its own string to sign', () => {
    const key = deriveSigningKey(SECRET, '20250102', 'eu-west-1', 'bedrock');
    expect(signed.signature).toBe(createHmac('sha256', key).update(signed.stringToSign).digest('hex'));
    expect(signed.stringToSign.split('\n')).toEqual([
      'AWS4-HMAC-SHA256',
      '20250102T030405Z',
      '20250102/eu-west-1/bedrock/aws4_request',
      sha256Hex(signed.canonicalRequest),
    ]);
  });

  it('changes the signature when the body, the path or the secret changes', () => {
    const base = { method: 'POST', headers: {}, credentials, region: 'eu-west-1', service: 'bedrock', date: new Date(0) };
    const a = signRequest({ ...base, url, body });
    expect(signRequest({ ...base, url, body: `${body} ` }).signature).not.toBe(a.signature);
    expect(signRequest({ ...base, url: new URL(url.href.replace('%3A0', '%3A1')), body }).signature).not.toBe(a.signature);
    expect(signRequest({ ...base, url, body, credentials: { ...credentials, secretAccessKey: 'other' } }).signature).not.toBe(a.signature);
  });

  it('adds x-amz-content-sha256 only when asked to', () => {
    expect(signed.headers['x-amz-content-sha256']).toBeUndefined();
    const withHash = signRequest({ method: 'PUT', url, headers: {}, body: 'abc', credentials, region: 'eu-west-1', service: 's3', date: new Date(0), contentSha256Header: true });
    expect(withHash.headers['x-amz-content-sha256']).toBe(sha256Hex('abc'));
    expect(withHash.canonicalRequest).toContain(`x-amz-content-sha256:${sha256Hex('abc')}`);
  });
});

describe('SigV4 encoding helpers', () => {
  it('encodes everything but the unreserved characters, including !\'()* and spaces', () => {
    expect(uriEncode("a-b_c.d~e f!'()*:/ü")).toBe('a-b_c.d~e%20f%21%27%28%29%2A%3A%2F%C3%BC');
  });

  it('keeps slashes between path segments and encodes an inference-profile ARN as one segment', () => {
    const arn = encodeURIComponent('arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(canonicalUri(`/model/${arn}/converse-stream`)).toBe(
      '/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Ainference-profile%252Fus.anthropic.claude-3-5-haiku-20241022-v1%253A0/converse-stream',
    );
  });

  it('formats x-amz-date in UTC without separators or milliseconds', () => {
    expect(toAmzDate(new Date('2024-02-29T23:59:58.999Z'))).toBe('20240229T235958Z');
  });
});
