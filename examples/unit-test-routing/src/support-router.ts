import { createRouter, DEFAULT_RULE_SET, type Router, type RouterConfigInput } from '@refract/core';

/**
 * The routing config of a (fictional) customer-support app: two providers, one extra category,
 * three keyword rules of its own in front of Refract's default rules, and a tenant that must not
 * use OpenAI. Everything a test asserts about routing follows from this object.
 */
export const supportConfig: RouterConfigInput = {
  providers: [
    {
      id: 'openai',
      models: [
        // `tier` pins which tier a deployment serves here (otherwise the catalog decides).
        { id: 'gpt-4o-mini', tier: 'low' },
        { id: 'gpt-4o', tier: 'medium' },
      ],
    },
    {
      id: 'anthropic',
      type: 'anthropic',
      models: [
        { id: 'claude-3-5-haiku', tier: 'minimal' },
        { id: 'claude-sonnet-4', tier: 'high' },
      ],
    },
  ],
  categories: [{ key: 'support_refund', name: 'Refund request', tier: 'low', description: 'A customer asks for their money back.' }],
  ruleSets: [
    {
      ...DEFAULT_RULE_SET,
      name: 'support',
      keywordRules: [
        {
          name: 'Greeting',
          keywords: ['hi', 'hello', 'thanks', 'thank you'],
          when: { maxTokens: 30 },
          confidence: 0.9,
          effect: { category: 'smalltalk_simple', tierMax: 'minimal' },
        },
        {
          name: 'Refunds',
          keywords: ['refund*', 'chargeback', 'money back'],
          confidence: 0.9,
          // A cap: however long or upset the message, refunds stay on the cheap tier.
          effect: { category: 'support_refund', tierMax: 'low' },
        },
        {
          name: 'Legal threat',
          keywords: ['lawsuit', 'sue', 'attorney', 'lawyer'],
          confidence: 0.95,
          // A floor: legal threats always get the strongest model.
          effect: { category: 'legal_analysis', tierMin: 'high', domain: 'legal' },
        },
        ...(DEFAULT_RULE_SET.keywordRules ?? []),
      ],
    },
  ],
  routing: { ruleSet: 'support' },
  tenants: [{ slug: 'eu-only', models: { deny: ['openai/*'] } }],
};

/**
 * The app's router. Tests call `route()`, which decides without any network call.
 *
 * @example
 * const decision = await createSupportRouter().route({ model: 'auto', messages: [{ role: 'user', content: 'I want a refund' }] });
 */
export function createSupportRouter(): Router {
  return createRouter(supportConfig);
}
