/**
 * The models a detected provider offers when the config does not list them: catalog models the
 * provider serves under these exact ids, cheapest first. Reasoning models (o-series, gpt-5) are
 * left out of the OpenAI and Azure defaults: they reject `max_tokens` and non-default
 * `temperature`, which ordinary chat clients send, so auto-routing a request to them would fail.
 * List them in the config to use them (see packages/cli/README.md ("refract serve")).
 */
export const DEFAULT_MODELS = {
  openai: ['gpt-4.1-nano', 'gpt-4o-mini', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4.1'],
  azure: ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4.1'],
  anthropic: ['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-5'],
  gemini: ['gemini-2.0-flash', 'gemini-2.5-flash', 'gemini-2.5-pro'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Bedrock inference profiles for a region: Amazon Nova through the region's geography
 * (`us.`, `eu.`, `apac.`), Claude 4.5 through the global profiles.
 *
 * @example
 * bedrockDefaultModels('eu-west-1'); // ['eu.amazon.nova-micro-v1:0', …]
 */
export function bedrockDefaultModels(region: string): string[] {
  const geography = region.startsWith('eu-') ? 'eu' : region.startsWith('ap-') ? 'apac' : 'us';
  return [
    `${geography}.amazon.nova-micro-v1:0`,
    `${geography}.amazon.nova-lite-v1:0`,
    `${geography}.amazon.nova-pro-v1:0`,
    'global.anthropic.claude-haiku-4-5-20251001-v1:0',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'global.anthropic.claude-opus-4-5-20251101-v1:0',
  ];
}
