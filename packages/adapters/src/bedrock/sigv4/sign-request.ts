import { createHash, createHmac } from 'node:crypto';
import { buildCanonicalRequest } from './canonical-request';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** AWS credentials: long-term keys, or temporary ones with a session token. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  /** When temporary credentials stop working; a credential provider refreshes before then. */
  expiration?: Date | undefined;
}

export interface SignRequestInput {
  method: string;
  url: URL;
  /** Headers to sign besides `host`, `x-amz-date` and `x-amz-security-token` (e.g. `content-type`). */
  headers: Record<string, string>;
  body: string | Uint8Array;
  credentials: AwsCredentials;
  region: string;
  /** The signing name, `bedrock` for both the Bedrock runtime and control plane. */
  service: string;
  date: Date;
  /** Also send and sign `x-amz-content-sha256` (S3 needs it; Bedrock does not). */
  contentSha256Header?: boolean;
}

export interface SignedRequest {
  /** The headers to send: the input headers plus `host`, `x-amz-date`, token and `authorization`. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/**
 * Signs a request with AWS Signature Version 4 using node:crypto only: canonical request →
 * string to sign → signing key (HMAC-SHA256 chain over date, region, service, `aws4_request`) →
 * signature → `Authorization` header.
 *
 * @example
 * const signed = signRequest({
 *   method: 'POST', url: new URL('https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse'),
 *   headers: { 'content-type': 'application/json' }, body, credentials, region: 'us-east-1',
 *   service: 'bedrock', date: new Date(),
 * });
 * await request(url, { method: 'POST', headers: signed.headers, body });
 */
export function signRequest(input: SignRequestInput): SignedRequest {
  const amzDate = toAmzDate(input.date);
  const dateStamp = amzDate.slice(0, 8);
  const payloadHash = sha256Hex(input.body);
  const headers: Record<string, string> = { ...lowerCaseKeys(input.headers), host: input.url.host, 'x-amz-date': amzDate };
  if (input.credentials.sessionToken) headers['x-amz-security-token'] = input.credentials.sessionToken;
  if (input.contentSha256Header) headers['x-amz-content-sha256'] = payloadHash;
  const canonical = buildCanonicalRequest({
    method: input.method,
    path: input.url.pathname,
    query: input.url.search.replace(/^\?/, ''),
    headers,
    payloadHash,
  });
  const scope = `${dateStamp}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = buildStringToSign(amzDate, scope, canonical.text);
  const key = deriveSigningKey(input.credentials.secretAccessKey, dateStamp, input.region, input.service);
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  headers['authorization'] =
    `${SIGV4_ALGORITHM} Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${canonical.signedHeaders}, Signature=${signature}`;
  return { headers, canonicalRequest: canonical.text, stringToSign, signature };
}

/** Task 2: algorithm, request date, credential scope and the hex SHA-256 of the canonical request. */
export function buildStringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
}

const keyCache = new Map<string, Buffer>();

/** Task 3: kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(secretAccessKey: string, dateStamp: string, region: string, service: string): Buffer {
  const cacheKey = `${dateStamp}\u0000${region}\u0000${service}\u0000${secretAccessKey}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const dateKey = hmac(`AWS4${secretAccessKey}`, dateStamp);
  const regionKey = hmac(dateKey, region);
  const serviceKey = hmac(regionKey, service);
  const signingKey = hmac(serviceKey, 'aws4_request');
  // Keys change daily; a handful of entries covers every region/service an adapter signs for.
  if (keyCache.size >= 16) keyCache.clear();
  keyCache.set(cacheKey, signingKey);
  return signingKey;
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the `x-amz-date` format. */
export function toAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
