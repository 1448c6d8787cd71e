import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isRefractError } from '../errors/refract-error';
import { createMemoryStorage } from '../storage/memory/create-memory-storage';
import { createCredentialVault } from './credential-vault';
import { createSecretBox } from './secret-box';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('hex');

afterEach(() => {
  vi.unstubAllEnvs();
});

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isRefractError(error) ? error.code : 'not a RefractError';
  }
  return undefined;
}

describe('createSecretBox', () => {
  it('round-trips with a fresh nonce each time and binds the ciphertext to its aad', () => {
    const box = createSecretBox({ key: keyA });
    const first = box.encrypt('sk-live-123', 'credential:acme:openai');
    const second = box.encrypt('sk-live-123', 'credential:acme:openai');
    expect(first.iv).not.toBe(second.iv);
    expect(first.data).not.toBe(second.data);
    expect(JSON.stringify(first)).not.toContain('sk-live-123');
    expect(box.decrypt(first, 'credential:acme:openai')).toBe('sk-live-123');
    expect(errorCode(() => box.decrypt(first, 'credential:globex:openai'))).toBe('REFRACT_ERR_ENCRYPTION_KEY');
    expect(errorCode(() => box.decrypt({ ...first, data: Buffer.from('tampered').toString('base64') }, 'credential:acme:openai'))).toBe('REFRACT_ERR_ENCRYPTION_KEY');
  });

  it('reads the key from REFRACT_ENCRYPTION_KEY, as base64 or hex', () => {
    vi.stubEnv('REFRACT_ENCRYPTION_KEY', keyB);
    const sealed = createSecretBox().encrypt('x');
    expect(createSecretBox({ key: Buffer.from(keyB, 'hex') }).decrypt(sealed)).toBe('x');
  });

  it('without a key it refuses with a clear error instead of storing plain text', () => {
    vi.stubEnv('REFRACT_ENCRYPTION_KEY', '');
    let message = '';
    try {
      createSecretBox();
    } catch (error) {
      message = (error as Error).message;
      expect(isRefractError(error) && error.code).toBe('REFRACT_ERR_ENCRYPTION_KEY');
    }
    expect(message).toContain('REFRACT_ENCRYPTION_KEY is not set');
    expect(errorCode(() => createSecretBox({ key: 'too-short' }))).toBe('REFRACT_ERR_ENCRYPTION_KEY');
  });

  it('a secret sealed with another key is reported as such, and decrypts once that key is a previous key', () => {
    const sealed = createSecretBox({ key: keyA }).encrypt('secret');
    const other = createSecretBox({ key: keyB });
    let message = '';
    try {
      other.decrypt(sealed);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('encrypted with key');
    expect(createSecretBox({ key: keyB, previousKeys: [keyA] }).decrypt(sealed)).toBe('secret');
  });
});

describe('createCredentialVault', () => {
  it('stores only ciphertext and decrypts in memory; tenant secrets fall back to the global one', async () => {
    const storage = createMemoryStorage();
    const vault = createCredentialVault({ store: storage, box: createSecretBox({ key: keyA }) });
    await vault.put('acme', 'openai', 'sk-acme');
    await vault.put('*', 'openai', 'sk-shared');
    const stored = await storage.getCredential('acme', 'openai');
    expect(JSON.stringify(stored)).not.toContain('sk-acme');
    expect(await vault.get('acme', 'openai')).toBe('sk-acme');
    expect(await vault.get('globex', 'openai')).toBe('sk-shared');
    expect(await vault.get('globex', 'anthropic')).toBeUndefined();
    expect(JSON.stringify(await vault.list('acme'))).not.toContain('sk-acme');
  });

  it('credentials are unreadable without the encryption key, and one tenant cannot replay another tenant’s ciphertext', async () => {
    const storage = createMemoryStorage();
    await createCredentialVault({ store: storage, box: createSecretBox({ key: keyA }) }).put('acme', 'openai', 'sk-acme');
    const wrongKey = createCredentialVault({ store: storage, box: createSecretBox({ key: keyB }) });
    await expect(wrongKey.get('acme', 'openai')).rejects.toMatchObject({ code: 'REFRACT_ERR_ENCRYPTION_KEY' });
    const stolen = await storage.getCredential('acme', 'openai');
    await storage.putCredential({ ...stolen!, tenant: 'globex' });
    const rightKey = createCredentialVault({ store: storage, box: createSecretBox({ key: keyA }) });
    await expect(rightKey.get('globex', 'openai')).rejects.toMatchObject({ code: 'REFRACT_ERR_ENCRYPTION_KEY' });
  });
});
