import { isRefractError, type RouteDecision } from '@refract/core';
import { describe, expect, it } from 'vitest';
import { createSupportRouter } from './support-router';

const router = createSupportRouter();

function ask(content: string, options: { tenant?: string; model?: string } = {}): Promise<RouteDecision> {
  return router.route({ model: options.model ?? 'auto', messages: [{ role: 'user', content }] }, options.tenant ? { tenant: options.tenant } : {});
}

describe('support routing', () => {
  it('answers greetings with the cheapest model', async () => {
    const decision = await ask('Hi there, thanks!');
    expect(decision).toMatchObject({ provider: 'anthropic', model: 'claude-3-5-haiku', tier: 'minimal', category: 'smalltalk_simple' });
  });

  it('sends refund requests to our refund category on the low tier', async () => {
    const decision = await ask('I was charged twice for order 4411. Please refund the second payment.');
    expect(decision).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', tier: 'low', category: 'support_refund' });
  });

  it('keeps refunds on the low tier even when the customer is upset (the rule is a cap)', async () => {
    const decision = await router.route({
      model: 'auto',
      messages: [
        { role: 'user', content: 'I was charged twice for order 4411, please refund one payment.' },
        { role: 'assistant', content: 'Sorry to hear that! Could you restart the app and try again?' },
        { role: 'user', content: 'That is still not helpful!!! For the third time: I want my money back for the double charge. Refund it now.' },
      ],
    });
    // The frustration override asks for one tier more; the refund rule's cap brings it back.
    expect(decision.trace.find((step) => step.name === 'override:frustration')?.decided).toBe('low → medium');
    expect(decision.trace.find((step) => step.name === 'tier-limits')?.decided).toBe('medium → low');
    expect(decision).toMatchObject({ model: 'gpt-4o-mini', tier: 'low', category: 'support_refund' });
  });

  it('escalates legal threats to the strongest model (the rule is a floor)', async () => {
    const decision = await ask('If this is not fixed by Friday our attorney will file a lawsuit.');
    expect(decision).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4', tier: 'high', category: 'legal_analysis' });
  });

  it('explains itself: the trace names the rule that decided the category', async () => {
    const decision = await ask('Can I get a refund for my subscription?');
    const ruleStep = decision.trace.find((step) => step.name === 'rule-set');
    expect(ruleStep?.why).toContain('keyword_rule:Refunds');
    expect(decision.trace.map((step) => step.name)).toEqual(expect.arrayContaining(['signals', 'rule-set', 'selection', 'fallbacks']));
  });

  it('never uses a model the tenant policy denies, not even as a fallback', async () => {
    const decision = await ask('Please refund my order.', { tenant: 'eu-only' });
    expect(decision.provider).toBe('anthropic');
    expect(decision.fallbacks.map((fallback) => fallback.provider)).not.toContain('openai');
  });

  it('refuses a denied model asked for by name', async () => {
    const refused = await ask('Hello', { tenant: 'eu-only', model: 'gpt-4o' }).catch((error: unknown) => error);
    expect(isRefractError(refused) && refused.code).toBe('REFRACT_ERR_MODEL_NOT_ALLOWED');
  });
});
