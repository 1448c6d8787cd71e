export { signRequest, deriveSigningKey, buildStringToSign, toAmzDate, sha256Hex, type AwsCredentials, type SignRequestInput, type SignedRequest } from './sign-request';
export { buildCanonicalRequest, type CanonicalRequest, type CanonicalRequestInput } from './canonical-request';
export { uriEncode, canonicalUri, canonicalQuery } from './uri-encode';
