import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { RefractError } from '../errors/refract-error';
import type { EncryptedSecret } from './encrypted-secret';

export const ENCRYPTION_KEY_ENV = 'REFRACT_ENCRYPTION_KEY';
export const PREVIOUS_ENCRYPTION_KEYS_ENV = 'REFRACT_ENCRYPTION_KEY_PREVIOUS';

export interface SecretBoxOptions {
  /** 32 bytes: 64 hex characters or base64/base64url. Default: `process.env.REFRACT_ENCRYPTION_KEY`. */
  key?: string | Uint8Array;
  /** Older keys still accepted for decryption, after a rotation. Default: comma-separated `REFRACT_ENCRYPTION_KEY_PREVIOUS`. */
  previousKeys?: readonly (string | Uint8Array)[];
}

/**
 * Encrypts and decrypts secrets with AES-256-GCM (random 96-bit nonce per secret, 128-bit tag).
 * `aad` binds a ciphertext to where it belongs (e.g. `credential:acme:openai`), so a stored
 * secret copied onto another record fails to decrypt instead of leaking.
 */
export interface SecretBox {
  /** Identifies the current key (first 16 hex characters of its SHA-256); stored with each secret. */
  readonly keyId: string;
  encrypt(plaintext: string, aad?: string): EncryptedSecret;
  decrypt(secret: EncryptedSecret, aad?: string): string;
}

/**
 * Creates a `SecretBox` from `REFRACT_ENCRYPTION_KEY` (or an explicit key). Without a key it
 * throws `REFRACT_ERR_ENCRYPTION_KEY`: credentials are never stored or read in plain text.
 * Generate a key with `openssl rand -base64 32`.
 *
 * @example
 * const box = createSecretBox({ key: process.env.REFRACT_ENCRYPTION_KEY });
 * const stored = box.encrypt('sk-live-…', 'credential:acme:openai');
 * box.decrypt(stored, 'credential:acme:openai'); // 'sk-live-…'
 */
export function createSecretBox(options: SecretBoxOptions = {}): SecretBox {
  const current = parseKey(options.key ?? process.env[ENCRYPTION_KEY_ENV], ENCRYPTION_KEY_ENV);
  const previousSource =
    options.previousKeys ??
    (process.env[PREVIOUS_ENCRYPTION_KEYS_ENV] ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const keys = new Map<string, Buffer>([[keyIdOf(current), current]]);
  for (const entry of previousSource) {
    const key = parseKey(entry, PREVIOUS_ENCRYPTION_KEYS_ENV);
    keys.set(keyIdOf(key), key);
  }
  const keyId = keyIdOf(current);

  return {
    keyId,
    encrypt(plaintext: string, aad?: string): EncryptedSecret {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        v: 1,
        alg: 'aes-256-gcm',
        kid: keyId,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
    },
    decrypt(secret: EncryptedSecret, aad?: string): string {
      if (secret?.v !== 1 || secret.alg !== 'aes-256-gcm') {
        throw new RefractError('REFRACT_ERR_ENCRYPTION_KEY', 'Unsupported secret format: expected an aes-256-gcm secret of version 1');
      }
      const key = keys.get(secret.kid);
      if (!key) {
        throw new RefractError(
          'REFRACT_ERR_ENCRYPTION_KEY',
          `This secret was encrypted with key ${secret.kid}, which is neither ${ENCRYPTION_KEY_ENV} (${keyId}) nor in ${PREVIOUS_ENCRYPTION_KEYS_ENV}`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(secret.iv, 'base64'));
        if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(Buffer.from(secret.tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(secret.data, 'base64')), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new RefractError('REFRACT_ERR_ENCRYPTION_KEY', 'A stored secret failed authentication: it was altered or belongs to another record', { cause });
      }
    },
  };
}

function parseKey(value: string | Uint8Array | undefined, source: string): Buffer {
  if (value === undefined || value === '') {
    throw new RefractError(
      'REFRACT_ERR_ENCRYPTION_KEY',
      `${source} is not set: provider credentials cannot be encrypted or decrypted. Set it to 32 random bytes as base64 (openssl rand -base64 32) or 64 hex characters.`,
    );
  }
  let key: Buffer;
  if (typeof value !== 'string') key = Buffer.from(value);
  else if (/^[0-9a-fA-F]{64}$/.test(value.trim())) key = Buffer.from(value.trim(), 'hex');
  else key = Buffer.from(value.trim(), value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
  if (key.length !== 32) {
    throw new RefractError(
      'REFRACT_ERR_ENCRYPTION_KEY',
      `${source} must be exactly 32 bytes (64 hex characters or 44 base64 characters); it decodes to ${key.length} bytes`,
    );
  }
  return key;
}

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
