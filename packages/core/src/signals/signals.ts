/** Expected length of the answer, from the wording of the request. */
export type OutputLength = 'short' | 'medium' | 'long';

/**
 * Everything Refract reads off a request before deciding where it goes. No network, no model call:
 * pure functions of the request and the tokenizer.
 */
export interface Signals {
  /** Estimated input tokens of the whole request (messages, images, tool definitions). */
  tokens: number;
  messageCount: number;
  imageCount: number;
  hasImages: boolean;
  /** Tool definitions are present (or `tool_choice` other than `none`). */
  hasTools: boolean;
  /** The caller forces a tool call (`tool_choice: required` or a named function). */
  toolChoiceRequired: boolean;
  /** User messages written by a person: tool results pasted as user text do not count. */
  userTurns: number;
  /** System and developer prompts joined, first 2,000 characters. */
  systemPrompt: string;
  /** The last user message written by a person, first 4,000 characters. */
  lastUserMessage: string;
  /** Programming languages detected in the last user message and system prompt. */
  codeLanguages: string[];
  /** A fenced code block or a detected language. */
  hasCode: boolean;
  /** Fill-in-the-middle / autocomplete request, and why. */
  isFim: boolean;
  fimReason?: string;
  /** An agent loop: tool calls or tool results in the history, or an agent system prompt. */
  isToolAgent: boolean;
  /** The request continues after a tool result rather than after a person's message. */
  isToolOutputContinuation: boolean;
  /** Domains whose keywords occur (word boundaries), strongest first. */
  domains: string[];
  /** The distinct keywords found per domain. */
  domainHits: Record<string, string[]>;
  /** The person sounds frustrated with previous answers. */
  frustration: boolean;
  expectedOutput: OutputLength;
  /** `response_format` asks for JSON. */
  wantsJson: boolean;
  /** `max_completion_tokens ?? max_tokens`, when the caller set it. */
  requestedMaxTokens?: number;
}
