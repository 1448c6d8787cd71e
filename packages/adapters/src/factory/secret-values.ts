import type { ProviderConfigInput } from '@refract/core';
import { nonEmpty, type Environment } from './provider-options';

/** Environment variables that hold provider credentials. */
export const PROVIDER_SECRET_VARIABLES = [
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AZURE_OPENAI_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
] as const;

/**
 * The values of every provider secret in `env`: the well-known variables, the variables that
 * providers' `apiKeyEnv` name, and any `*_API_KEY`, `*_TOKEN` or `*_SECRET*` variable. For
 * redacting logs: a value shorter than 8 characters is left out (it would match ordinary text).
 *
 * @example
 * const secrets = secretValues(process.env, config.providers);
 * const safe = secrets.reduce((text, secret) => text.replaceAll(secret, '[redacted]'), line);
 */
export function secretValues(env: Environment, providers: readonly ProviderConfigInput[] = []): string[] {
  const names = new Set<string>(PROVIDER_SECRET_VARIABLES);
  for (const provider of providers) {
    const named = provider.options?.['apiKeyEnv'];
    if (typeof named === 'string') names.add(named);
  }
  for (const name of Object.keys(env)) {
    if (/(_API_KEY|_TOKEN|SECRET)/i.test(name)) names.add(name);
  }
  const values = new Set<string>();
  for (const name of names) {
    const value = nonEmpty(env[name]);
    if (value !== undefined && value.trim().length >= 8) values.add(value.trim());
  }
  return [...values].sort((a, b) => b.length - a.length);
}
