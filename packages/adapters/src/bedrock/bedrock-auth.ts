import { ProviderError, RefractError, type Clock } from '@refract/core';
import { messageOf, toNetworkError } from '../shared';
import type { AwsCredentialSource } from './bedrock-options';
import { signRequest, type AwsCredentials } from './sigv4';

const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

export interface AuthorizeInput {
  method: 'GET' | 'POST';
  url: URL;
  /** Headers that are signed with SigV4 (content-type, accept, …). */
  headers: Record<string, string>;
  body: string;
}

export interface BedrockAuthOptions {
  provider: string;
  apiKey?: string | undefined;
  credentials?: AwsCredentialSource | undefined;
  region: string | undefined;
  env: Record<string, string | undefined>;
  clock: Clock;
}

/**
 * Authenticates Bedrock calls, resolving in this order: the `apiKey` option (bearer), the
 * `credentials` option (SigV4), `AWS_BEARER_TOKEN_BEDROCK` (bearer), then `AWS_ACCESS_KEY_ID` /
 * `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` (SigV4). The environment is read at each call, so
 * rotated variables are picked up.
 */
export class BedrockAuth {
  private readonly options: BedrockAuthOptions;
  private cached: AwsCredentials | undefined;
  private pending: Promise<AwsCredentials> | undefined;

  constructor(options: BedrockAuthOptions) {
    this.options = options;
  }

  /** The headers to send: the input headers plus either `authorization: Bearer …` or the SigV4 set. */
  async authorize(input: AuthorizeInput, signal?: AbortSignal): Promise<Record<string, string>> {
    const { apiKey, credentials, env } = this.options;
    const bearer = nonEmpty(apiKey) ?? (credentials === undefined ? nonEmpty(env['AWS_BEARER_TOKEN_BEDROCK']) : undefined);
    if (bearer !== undefined) return { ...input.headers, authorization: `Bearer ${bearer}` };
    const resolved = await this.credentials(signal);
    const region = this.options.region;
    if (region === undefined) {
      throw new RefractError('REFRACT_ERR_CONFIG', 'bedrock: SigV4 signing needs a region: pass `region` or set AWS_REGION.', { param: 'region' });
    }
    const signed = signRequest({
      method: input.method,
      url: input.url,
      headers: input.headers,
      body: input.body,
      credentials: resolved,
      region,
      service: 'bedrock',
      date: new Date(this.options.clock.now()),
    });
    return signed.headers;
  }

  private async credentials(signal?: AbortSignal): Promise<AwsCredentials> {
    const source = this.options.credentials;
    if (source === undefined) return this.fromEnvironment();
    if (typeof source !== 'function') return checked(this.options.provider, source, 'the `credentials` option');
    const now = this.options.clock.now();
    if (this.cached?.expiration && this.cached.expiration.getTime() - REFRESH_BEFORE_EXPIRY_MS > now) return this.cached;
    this.pending ??= source().finally(() => {
      this.pending = undefined;
    });
    let fresh: AwsCredentials;
    try {
      fresh = await abortable(this.pending, signal);
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      if (signal?.aborted) throw toNetworkError(this.options.provider, error, signal);
      throw new ProviderError({
        provider: this.options.provider,
        kind: 'auth',
        message: `the credentials function failed: ${messageOf(error)}`,
        retryable: false,
        cause: error,
      });
    }
    this.cached = checked(this.options.provider, fresh, 'the credentials function');
    return this.cached;
  }

  private fromEnvironment(): AwsCredentials {
    const env = this.options.env;
    const accessKeyId = nonEmpty(env['AWS_ACCESS_KEY_ID']);
    const secretAccessKey = nonEmpty(env['AWS_SECRET_ACCESS_KEY']);
    if (accessKeyId === undefined || secretAccessKey === undefined) {
      throw new ProviderError({
        provider: this.options.provider,
        kind: 'auth',
        retryable: false,
        message:
          'no AWS credentials: pass `apiKey` or `credentials`, or set AWS_BEARER_TOKEN_BEDROCK, or AWS_ACCESS_KEY_ID and ' +
          'AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys). Profiles, SSO, web identity and ' +
          'instance/container metadata are not read by this adapter; pass a `credentials` function for those.',
      });
    }
    const sessionToken = nonEmpty(env['AWS_SESSION_TOKEN']);
    return sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken };
  }
}

function checked(provider: string, credentials: AwsCredentials, where: string): AwsCredentials {
  if (!nonEmpty(credentials?.accessKeyId) || !nonEmpty(credentials?.secretAccessKey)) {
    throw new ProviderError({
      provider,
      kind: 'auth',
      retryable: false,
      message: `${where} gave no accessKeyId/secretAccessKey`,
    });
  }
  return credentials;
}

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
