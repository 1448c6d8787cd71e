import type { ChatRequest } from '../spec/chat-request';
import { countChatTokens } from '../tokenizer/count-chat-tokens';
import type { Tokenizer } from '../tokenizer/tokenizer';
import { detectCodeLanguages, detectCodeMentions, hasFencedCode } from './code-languages';
import { createDomainDetector, type DomainDetector } from './detect-domains';
import { detectFim } from './fim';
import { detectFrustration } from './frustration';
import { isGenuineUserMessage, textOf } from './message-text';
import { expectedOutputLength } from './output-length';
import type { Signals } from './signals';
import { TextIndex } from './text-index';
import { detectToolAgent, detectToolOutputContinuation } from './tool-agent';

const SYSTEM_PROMPT_CHARS = 2000;
const LAST_USER_CHARS = 4000;
const FIRST_USER_CHARS = 1000;
const KEYWORD_CHARS = 2500;

export interface ExtractSignalsOptions {
  tokenizer: Tokenizer;
  /** Domain keyword detector; the built-in lists by default. */
  domainDetector?: DomainDetector;
}

/** The indexed texts signals were read from, for rules that search the same texts. */
export interface SignalTexts {
  /** The last message a person wrote (first 4,000 characters). */
  user: TextIndex;
  /** System and developer prompts (first 2,000 characters). */
  system: TextIndex;
}

const texts = new WeakMap<Signals, SignalTexts>();
let defaultDetector: DomainDetector | undefined;

/**
 * Reads every routing signal off a chat request. Pure and synchronous: no network, no model.
 * Keyword, language and domain detection read only the system prompt (first 2,000 characters) and
 * the last message a person wrote (its first 1,500 and last 1,000 characters), so their cost does
 * not grow with a long history; token counting reads everything (sampling very long texts and
 * histories with the heuristic tokenizer).
 *
 * @example
 * const signals = extractSignals(request, { tokenizer: heuristicTokenizer });
 * signals.tokens; signals.domains; signals.isFim;
 */
export function extractSignals(request: ChatRequest, options: ExtractSignalsOptions): Signals {
  const messages = request.messages;
  let systemPrompt = '';
  let firstUser: string | undefined;
  let lastGenuineUser = '';
  let userTurns = 0;
  let imageCount = 0;

  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') {
      if (systemPrompt.length < SYSTEM_PROMPT_CHARS) {
        systemPrompt += (systemPrompt === '' ? '' : '\n') + textOf(message.content);
      }
      continue;
    }
    if (message.role === 'user') {
      if (Array.isArray(message.content)) {
        for (const part of message.content) if (part.type === 'image_url' || part.type === 'image') imageCount += 1;
      }
      if (firstUser === undefined || isGenuineUserMessage(message)) {
        const text = textOf(message.content);
        firstUser ??= text;
        if (isGenuineUserMessage(message)) {
          userTurns += 1;
          lastGenuineUser = text;
        }
      }
    }
  }
  systemPrompt = systemPrompt.slice(0, SYSTEM_PROMPT_CHARS);
  const lastUserMessage = lastGenuineUser.slice(0, LAST_USER_CHARS);
  // What a request asks for sits at its start or its end (a question after pasted code or text):
  // keyword, intent and language detection read the first 1,500 and last 1,000 characters.
  const user = new TextIndex(lastUserMessage.length > KEYWORD_CHARS ? `${lastUserMessage.slice(0, 1500)}\n${lastUserMessage.slice(-1000)}` : lastUserMessage);
  const system = new TextIndex(systemPrompt);

  const toolChoice = request.tool_choice;
  const hasTools = (request.tools?.length ?? 0) > 0 && toolChoice !== 'none';
  const toolChoiceRequired = hasTools && (toolChoice === 'required' || typeof toolChoice === 'object');
  const requestedMaxTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const codeLanguages = [...new Set([...detectCodeLanguages(user), ...detectCodeLanguages(system), ...detectCodeMentions(user)])];
  const fim = detectFim(system, firstUser === lastGenuineUser ? user : new TextIndex((firstUser ?? '').slice(0, FIRST_USER_CHARS)), lastUserMessage, imageCount > 0);
  const domains = (options.domainDetector ?? (defaultDetector ??= createDomainDetector())).detect(user, system);
  const responseFormat = request.response_format?.type;

  const signals: Signals = {
    tokens: countChatTokens(request, options.tokenizer),
    messageCount: messages.length,
    imageCount,
    hasImages: imageCount > 0,
    hasTools,
    toolChoiceRequired,
    userTurns,
    systemPrompt,
    lastUserMessage,
    codeLanguages,
    hasCode: codeLanguages.length > 0 || hasFencedCode(user),
    isFim: fim.isFim,
    isToolAgent: !fim.isFim && detectToolAgent(messages, system),
    isToolOutputContinuation: detectToolOutputContinuation(messages),
    domains: domains.domains,
    domainHits: domains.hits,
    frustration: detectFrustration(user, userTurns),
    expectedOutput: expectedOutputLength(user, requestedMaxTokens),
    wantsJson: responseFormat === 'json_object' || responseFormat === 'json_schema',
  };
  if (fim.reason !== undefined) signals.fimReason = fim.reason;
  if (requestedMaxTokens !== undefined) signals.requestedMaxTokens = requestedMaxTokens;
  texts.set(signals, { user, system });
  return signals;
}

/**
 * The indexed user and system texts behind `signals` (rebuilt if the signals were made
 * elsewhere, e.g. deserialised).
 */
export function signalTexts(signals: Signals): SignalTexts {
  let entry = texts.get(signals);
  if (!entry) {
    const text = signals.lastUserMessage;
    entry = { user: new TextIndex(text.length > KEYWORD_CHARS ? `${text.slice(0, 1500)}\n${text.slice(-1000)}` : text), system: new TextIndex(signals.systemPrompt) };
    texts.set(signals, entry);
  }
  return entry;
}

/** One line describing the signals, for traces and classifier prompts. */
export function summarizeSignals(signals: Signals): string {
  const parts = [`tokens≈${signals.tokens}`];
  if (signals.isFim) parts.push('fim');
  if (signals.isToolAgent) parts.push('tool_agent');
  if (signals.isToolOutputContinuation) parts.push('tool_output_continuation');
  if (signals.hasImages) parts.push(`images=${signals.imageCount}`);
  if (signals.hasTools) parts.push('tools');
  if (signals.userTurns > 1) parts.push(`turns=${signals.userTurns}`);
  if (signals.domains.length > 0) parts.push(`domains=[${signals.domains.join(',')}]`);
  if (signals.codeLanguages.length > 0) parts.push(`langs=[${signals.codeLanguages.join(',')}]`);
  if (signals.frustration) parts.push('frustration');
  if (signals.expectedOutput !== 'medium') parts.push(`output=${signals.expectedOutput}`);
  if (signals.wantsJson) parts.push('json');
  return parts.join(', ');
}
