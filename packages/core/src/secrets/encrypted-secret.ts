/**
 * A secret encrypted with AES-256-GCM, as stored. Every field is base64 except `kid`, the first
 * 16 hex characters of SHA-256 of the key (so the right key can be picked after a rotation, and
 * a wrong key is reported as such rather than as corrupt data).
 */
export interface EncryptedSecret {
  v: 1;
  alg: 'aes-256-gcm';
  kid: string;
  /** 12-byte random nonce. */
  iv: string;
  /** 16-byte authentication tag. */
  tag: string;
  data: string;
}
