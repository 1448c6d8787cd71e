/**
 * What the adapter needs to know about a Claude model to translate a request for it. Anthropic's
 * models differ in how they think (a fixed `budget_tokens`, or adaptive thinking steered by an
 * effort level), in whether they accept native JSON-schema output, and in their output limits.
 */
export interface AnthropicModelProfile {
  /**
   * - `none`: no extended thinking (Claude 3 and 3.5); `reasoning_effort` gives a warning.
   * - `budget`: `thinking: {type:'enabled', budget_tokens}` (Claude 3.7 Sonnet, Claude 4 and 4.5).
   * - `adaptive`: `thinking: {type:'adaptive'}` plus `output_config.effort` (Claude 4.6 and later).
   */
  thinking: 'none' | 'budget' | 'adaptive';
  /** Accepts `output_config.format` (JSON-schema output); otherwise a forced tool is used. */
  structuredOutputs: boolean;
  /** `max_tokens` sent when the request sets none. */
  defaultMaxTokens: number;
}

/** Default `max_tokens` for current models: room for long answers without nearing context limits. */
export const MODERN_DEFAULT_MAX_TOKENS = 16_384;

interface ProfileRule {
  pattern: RegExp;
  profile: AnthropicModelProfile;
}

// Order matters: the first rule whose pattern matches the model id wins.
const RULES: readonly ProfileRule[] = [
  { pattern: /claude-(?:instant|2)/, profile: { thinking: 'none', structuredOutputs: false, defaultMaxTokens: 4096 } },
  { pattern: /claude-3-7-/, profile: { thinking: 'budget', structuredOutputs: false, defaultMaxTokens: MODERN_DEFAULT_MAX_TOKENS } },
  { pattern: /claude-3-5-/, profile: { thinking: 'none', structuredOutputs: false, defaultMaxTokens: 8192 } },
  { pattern: /claude-3-/, profile: { thinking: 'none', structuredOutputs: false, defaultMaxTokens: 4096 } },
  {
    // Claude Sonnet 4, Opus 4 and Opus 4.1 (dated ids and the -0 aliases)
    pattern: /claude-(?:sonnet|opus)-4(?:-[01])?(?:-\d{8})?(?:-v\d+(?::\d+)?)?$/,
    profile: { thinking: 'budget', structuredOutputs: false, defaultMaxTokens: MODERN_DEFAULT_MAX_TOKENS },
  },
  {
    // Claude Sonnet 4.5, Haiku 4.5, Opus 4.5
    pattern: /claude-(?:sonnet|haiku|opus)-4-5(?:-\d{8})?(?:-v\d+(?::\d+)?)?$/,
    profile: { thinking: 'budget', structuredOutputs: true, defaultMaxTokens: MODERN_DEFAULT_MAX_TOKENS },
  },
];

/** Claude 4.6 and later, and model ids the table does not know. */
const LATEST: AnthropicModelProfile = { thinking: 'adaptive', structuredOutputs: true, defaultMaxTokens: MODERN_DEFAULT_MAX_TOKENS };

/**
 * The built-in profile for a model id. Unknown ids are assumed to be current models (adaptive
 * thinking, JSON-schema output); pass `modelProfile` to the adapter to correct that for a proxy or
 * an alias the table cannot recognise.
 */
export function anthropicModelProfile(model: string): AnthropicModelProfile {
  const id = model.toLowerCase();
  for (const rule of RULES) if (rule.pattern.test(id)) return rule.profile;
  return LATEST;
}
