import { createRouter, type ChatRequest } from '@refract/core';
import { createOpenAIAdapter } from '@refract/adapters/openai';

export interface RunOptions {
  /** OpenAI-compatible base URL; the adapter's default (api.openai.com) when unset. */
  baseURL?: string;
  apiKey?: string;
  /** Where to print; console.log by default. */
  log?: (line: string) => void;
}

/**
 * The whole example: build a router with one provider, then
 * 1. `route()`: where would this request go, and why (no provider call);
 * 2. `chat()`: the same decision, executed, with usage and cost;
 * 3. `stream()`: the same, streamed chunk by chunk, usage and cost in the last chunk.
 *
 * @example
 * await run({ baseURL: 'http://127.0.0.1:11435/v1', apiKey: 'local' });
 */
export async function run(options: RunOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const openai = createOpenAIAdapter({ ...(options.baseURL ? { baseURL: options.baseURL } : {}), ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
  const router = createRouter({
    providers: [{ id: 'openai', type: 'openai', models: ['gpt-4o-mini', 'gpt-4o'] }],
    adapters: { openai },
  });

  const request: ChatRequest = { model: 'auto', messages: [{ role: 'user', content: 'Write a haiku about routing requests.' }] };

  // 1. Decide only. This is what unit tests assert on (see examples/unit-test-routing).
  const decision = await router.route(request);
  log(`route(): ${decision.provider}/${decision.model} · tier ${decision.tier} · category ${decision.category} · ${decision.trace.length} trace steps`);
  for (const step of decision.trace.filter((entry) => entry.decided)) log(`  ${step.name}: ${step.why}`);

  // 2. Decide and call the provider (retries, fallbacks, metering included).
  const result = await router.chat(request);
  log(`chat(): ${result.response.choices[0]?.message.content ?? ''}`);
  log(`  served by ${result.served.provider}/${result.served.model}; ${result.usage.inputTokens} in + ${result.usage.outputTokens} out tokens; $${result.cost.costUsd.toFixed(6)}`);
  log(`  auto_routing.reason: ${result.response.auto_routing.reason}`);

  // 3. The same, streamed. Usage and cost arrive in the last chunk.
  const stream = await router.stream({ ...request, stream: true });
  let text = '';
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    if (chunk.usage) log(`stream(): ${text}\n  final chunk: ${chunk.usage.prompt_tokens} in + ${chunk.usage.completion_tokens} out tokens`);
  }
  const summary = await stream.summary;
  log(`  stream summary: ${summary.status}, $${summary.cost.costUsd.toFixed(6)}`);
  await openai.close();
}
