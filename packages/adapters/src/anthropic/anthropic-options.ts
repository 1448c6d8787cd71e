import type { BaseAdapterOptions } from '../shared';
import { anthropicModelProfile, type AnthropicModelProfile } from './anthropic-model-profile';

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const ANTHROPIC_DEFAULT_VERSION = '2023-06-01';

/** Options of `createAnthropicAdapter`. Every field is optional. */
export interface AnthropicAdapterOptions extends BaseAdapterOptions {
  /** Sent as `x-api-key`. Default: `process.env.ANTHROPIC_API_KEY`. */
  apiKey?: string | undefined;
  /**
   * Sent as `Authorization: Bearer …` instead of an API key (gateways, OAuth tokens).
   * Default: `process.env.ANTHROPIC_AUTH_TOKEN`.
   */
  authToken?: string | undefined;
  /** Default: `process.env.ANTHROPIC_BASE_URL`, else `https://api.anthropic.com`. `/v1/messages` is appended. */
  baseURL?: string;
  /** The `anthropic-version` header. Default `2023-06-01`. */
  anthropicVersion?: string;
  /** Beta flags, sent comma-separated in the `anthropic-beta` header. */
  betas?: string[];
  /**
   * `max_tokens` when the request sets neither `max_completion_tokens` nor `max_tokens` (the
   * Messages API requires it). A number, or a function of the model id; by default 4096 for
   * Claude 3, 8192 for Claude 3.5 and 16 384 for later models. A warning says when it was used.
   */
  defaultMaxTokens?: number | ((model: string) => number | undefined);
  /** Corrects the built-in model profile (thinking style, JSON-schema output) for a model id. */
  modelProfile?: (model: string) => Partial<AnthropicModelProfile> | undefined;
}

/** Options after defaults and environment variables are applied. */
export interface ResolvedAnthropicOptions {
  id: string;
  apiKey: string | undefined;
  authToken: string | undefined;
  messagesUrl: string;
  modelsUrl: string;
  anthropicVersion: string;
  betas: string[];
  headers: Record<string, string>;
  profileFor: (model: string) => AnthropicModelProfile;
}

export function resolveAnthropicOptions(options: AnthropicAdapterOptions, env: NodeJS.ProcessEnv = process.env): ResolvedAnthropicOptions {
  const baseURL = (options.baseURL ?? nonEmpty(env['ANTHROPIC_BASE_URL']) ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const defaultMaxTokens = options.defaultMaxTokens;
  const override = options.modelProfile;
  return {
    id: options.id ?? 'anthropic',
    apiKey: options.apiKey ?? nonEmpty(env['ANTHROPIC_API_KEY']),
    authToken: options.authToken ?? nonEmpty(env['ANTHROPIC_AUTH_TOKEN']),
    messagesUrl: `${baseURL}/v1/messages`,
    modelsUrl: `${baseURL}/v1/models`,
    anthropicVersion: options.anthropicVersion ?? ANTHROPIC_DEFAULT_VERSION,
    betas: options.betas ?? [],
    headers: options.headers ?? {},
    profileFor: (model) => {
      const profile = { ...anthropicModelProfile(model), ...(override?.(model) ?? {}) };
      const configured = typeof defaultMaxTokens === 'function' ? defaultMaxTokens(model) : defaultMaxTokens;
      if (configured !== undefined) profile.defaultMaxTokens = configured;
      return profile;
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
