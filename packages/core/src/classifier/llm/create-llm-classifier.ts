import { ModelCatalog } from '../../catalog/model-catalog';
import type { Category } from '../../catalog/category';
import { computeCost } from '../../cost/compute-cost';
import { ProviderError } from '../../errors/provider-error';
import { RefractError } from '../../errors/refract-error';
import { usageFromOpenAI } from '../../providers/usage';
import type { ChatRequest } from '../../spec/chat-request';
import { countChatTokens } from '../../tokenizer/count-chat-tokens';
import { heuristicTokenizer, type Tokenizer } from '../../tokenizer/tokenizer';
import type { Classifier, ClassifierInput, ClassifierResult } from '../classifier';
import { buildUserContent, fitTokens } from './build-input';
import { buildSystemPrompt, type PromptDetail } from './build-prompt';
import { callModel } from './call-model';
import { ClassifierCache, sha256Hex } from './classifier-cache';
import { extractJson } from './extract-json';
import type { LlmClassifierModel, LlmClassifierOptions } from './llm-classifier-options';
import { answerText, defaultStructuredOutput, structuredOutputFields, type StructuredOutputMode } from './structured-output';
import { readVerdict } from './verdict';

/** The least room the user message needs beside the system prompt. */
const MIN_USER_TOKENS = 48;
/** Framing tokens of a request with two messages (see countChatTokens). */
const FRAMING_TOKENS = 9;

/** The LLM classifier, with its cache for inspection. */
export interface LlmClassifier extends Classifier {
  readonly cache: ClassifierCache | undefined;
}

/**
 * A `Classifier` that asks a model, through any `ProviderAdapter`, for the category, complexity,
 * recommended tier and more of a request, as structured output validated with zod. Its input is
 * capped in tokens (metadata only, head and tail, or a structural summary), its verdicts are
 * cached by a SHA-256 of the prompt, each call has a deadline and honours the router's abort,
 * a garbage answer or a failure moves to the next of up to three models, and its own cost is
 * reported as routing cost. When every model fails it throws, and the router falls back to the
 * signals (recorded in the trace).
 *
 * @throws RefractError (`REFRACT_ERR_CONFIG`) for a missing or too long model list.
 * @example
 * const classifier = createLlmClassifier({ adapter: openai, model: 'gpt-4o-mini', inputStrategy: 'summary' });
 * const router = createRouter({ providers, classifier });
 */
export function createLlmClassifier(options: LlmClassifierOptions): LlmClassifier {
  const chain = modelChain(options);
  const primary = chain[0] as LlmClassifierModel;
  const tokenizer = options.tokenizer ?? heuristicTokenizer;
  const timeoutMs = options.timeoutMs ?? 2500;
  const cache = options.cache === false ? undefined : new ClassifierCache(options.cache ?? {});
  const fixedCategories: readonly Category[] | undefined = options.categories ? ('all' in options.categories ? options.categories.all() : options.categories) : undefined;
  const models = options.models ?? [];
  const modelIds = new Set(models.map((model) => model.id));
  const modes = chain.map((entry) => entry.structuredOutput ?? defaultStructuredOutput(entry.adapter));
  const prices = chain.map((entry) => entry.pricing ?? ModelCatalog.builtIn().lookup(entry.model)?.model.pricing);
  const prompts = new WeakMap<readonly Category[], Map<PromptDetail, { text: string; tokens: number }>>();
  const name = options.name ?? `llm:${primary.model}`;

  const systemPrompt = (categories: readonly Category[], detail: PromptDetail): { text: string; tokens: number } => {
    let byDetail = prompts.get(categories);
    if (!byDetail) prompts.set(categories, (byDetail = new Map()));
    let prompt = byDetail.get(detail);
    if (!prompt) {
      const text = buildSystemPrompt(categories, { detail, models });
      prompt = { text, tokens: tokenizer.count(text) };
      byDetail.set(detail, prompt);
    }
    return prompt;
  };
  const schemaTokens = Math.max(0, ...[...new Set(modes)].map((mode) => extraTokens(structuredOutputFields(mode, models.length > 0), tokenizer)));

  return {
    name,
    cache,
    async classify(input: ClassifierInput, { signal }): Promise<ClassifierResult> {
      const categories = fixedCategories ?? input.categories;
      const cap = Math.min(options.maxInputTokens ?? Number.POSITIVE_INFINITY, input.settings.contextLimitTokens);
      let system: { text: string; tokens: number } | undefined;
      let budget = 0;
      for (const detail of [2, 1, 0] as const) {
        system = systemPrompt(categories, detail);
        budget = cap - system.tokens - schemaTokens - FRAMING_TOKENS;
        if (budget >= MIN_USER_TOKENS) break;
      }
      if (!system || budget < MIN_USER_TOKENS) {
        throw new RefractError('REFRACT_ERR_CLASSIFIER', `classifier input cap of ${cap} tokens is too small for the category list (${system?.tokens ?? '?'} tokens at its shortest)`);
      }
      const strategy = options.inputStrategy ?? input.settings.contextStrategy;
      const user = buildUserContent(input, strategy, budget, tokenizer);
      const key = cache ? await sha256Hex(JSON.stringify([1, strategy, system.text, user])) : '';
      const hit = cache?.get(key);
      if (hit) return hit;

      const attempts: string[] = [];
      let costUsd = 0;
      const usage = { inputTokens: 0, outputTokens: 0 };
      for (const [index, entry] of chain.entries()) {
        let mode = modes[index] as StructuredOutputMode;
        for (let retry = 0; retry < 2; retry += 1) {
          if (signal.aborted) throw abortReason(signal);
          const request = withinCap(
            { model: entry.model, messages: [{ role: 'system', content: system.text }, { role: 'user', content: user }], temperature: 0, max_tokens: options.maxOutputTokens ?? 300, ...structuredOutputFields(mode, models.length > 0) },
            cap,
            tokenizer,
          );
          try {
            const response = await callModel(entry, request, signal, timeoutMs);
            if (response.usage) {
              const used = usageFromOpenAI(response.usage);
              usage.inputTokens += used.inputTokens;
              usage.outputTokens += used.outputTokens;
              const price = prices[index];
              if (price) costUsd += computeCost(used, price).totalUsd;
            }
            const parsed = extractJson(answerText(response));
            const verdict = parsed === undefined ? 'the answer holds no JSON object' : readVerdict(parsed, { categories, signals: input.signals, models: modelIds, maxTierShift: options.maxTierShift ?? 1, source: `llm:${entry.model}` });
            if (typeof verdict === 'string') {
              attempts.push(`${entry.model}: ${verdict}`);
              break;
            }
            const result: ClassifierResult = { ...verdict, costUsd, usage: { ...usage }, cached: false };
            if (attempts.length > 0) result.reasoning = `${result.reasoning ?? ''} [after ${attempts.join('; ')}]`.trim();
            cache?.set(key, result);
            return result;
          } catch (error) {
            if (signal.aborted) throw abortReason(signal);
            const message = error instanceof Error ? error.message : String(error);
            if (error instanceof ProviderError && error.kind === 'bad_request' && mode !== 'prompt' && retry === 0) {
              attempts.push(`${entry.model}: ${mode} refused (${message}), asked again without it`);
              mode = 'prompt';
              continue;
            }
            attempts.push(`${entry.model}: ${message}`);
            break;
          }
        }
      }
      throw new RefractError('REFRACT_ERR_CLASSIFIER', `LLM classifier failed on every model: ${attempts.join('; ')}`, { details: { attempts, costUsd, usage } });
    },
  };
}

function modelChain(options: LlmClassifierOptions): LlmClassifierModel[] {
  const chain: LlmClassifierModel[] = options.adapters
    ? [...options.adapters]
    : options.adapter && options.model
      ? [{ adapter: options.adapter, model: options.model, ...(options.pricing ? { pricing: options.pricing } : {}) }]
      : [];
  if (chain.length === 0) throw new RefractError('REFRACT_ERR_CONFIG', 'createLlmClassifier needs `adapter` and `model`, or `adapters: [{ adapter, model }]`');
  if (chain.length > 3) throw new RefractError('REFRACT_ERR_CONFIG', `createLlmClassifier takes a primary and at most two fallback models, got ${chain.length}`);
  return chain;
}

/** Tokens of the structured-output fields not counted with the messages (schema or tool). */
function extraTokens(fields: Pick<ChatRequest, 'response_format' | 'tools'>, tokenizer: Tokenizer): number {
  let total = 0;
  if (fields.response_format) total += tokenizer.count(JSON.stringify(fields.response_format));
  if (fields.tools) total += tokenizer.count(JSON.stringify(fields.tools));
  return total;
}

/**
 * Tokens the request sends: messages with framing, tool definitions and the response schema:
 * what the classifier's input cap bounds.
 *
 * @example
 * promptTokens(sentRequest, heuristicTokenizer) <= cap; // always true for classifier requests
 */
export function promptTokens(request: ChatRequest, tokenizer: Tokenizer): number {
  return countChatTokens(request, tokenizer) + (request.response_format ? tokenizer.count(JSON.stringify(request.response_format)) : 0);
}

/** Guarantees the cap: if the estimate was off, the user message is cut to make room. */
function withinCap(request: ChatRequest, cap: number, tokenizer: Tokenizer): ChatRequest {
  const over = promptTokens(request, tokenizer) - cap;
  if (over <= 0) return request;
  const user = request.messages[1];
  const text = typeof user?.content === 'string' ? user.content : '';
  const cut = fitTokens(text, tokenizer.count(text) - over - 4, tokenizer);
  return { ...request, messages: [request.messages[0] as ChatRequest['messages'][number], { role: 'user', content: cut === '' ? '[signals] (cut)' : cut }] };
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('classification aborted');
}

