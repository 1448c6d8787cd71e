/** A sample request shown by `refract explain --demo`. */
export interface DemoPrompt {
  /** What kind of request this is. */
  label: string;
  /** A short description printed above its trace (the long-context request is not printed whole). */
  preview: string;
  request: Record<string, unknown>;
}

/**
 * Five varied requests that show the main routing paths: small talk, coding, a legal question
 * with a system prompt, a long document and an image.
 *
 * @example
 * for (const demo of demoPrompts()) console.log(demo.label, (await router.route(demo.request)).model);
 */
export function demoPrompts(): DemoPrompt[] {
  const coding =
    'Write a TypeScript function `debounce(fn, waitMs)` that returns a debounced version of `fn` with a `cancel()` method, and unit tests for it with vitest using fake timers.';
  const legalSystem = 'You are a contracts lawyer reviewing agreements for a software company.';
  const legal =
    'Review this indemnification clause and tell me whether the liability cap protects us: "Supplier shall indemnify Customer against all claims arising from the Services, without limitation."';
  const report = projectLog(6000);
  return [
    { label: 'small talk', preview: 'Hi! How are you doing today?', request: userRequest('Hi! How are you doing today?') },
    { label: 'coding', preview: coding, request: userRequest(coding) },
    {
      label: 'legal, with a system prompt',
      preview: `[system] ${legalSystem}\n[user] ${legal}`,
      request: { model: 'auto', messages: [{ role: 'system', content: legalSystem }, { role: 'user', content: legal }] },
    },
    {
      label: 'long context',
      preview: `A ${report.length.toLocaleString('en-US')}-character project log, then: "Summarize the decisions made about the billing service and list the open risks."`,
      request: userRequest(`${report}\n\nSummarize the decisions made about the billing service in the log above and list the open risks.`),
    },
    {
      label: 'image',
      preview: 'What is wrong with the chart in this screenshot? [image: https://example.com/dashboard.png]',
      request: {
        model: 'auto',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is wrong with the chart in this screenshot?' },
              { type: 'image_url', image_url: { url: 'https://example.com/dashboard.png' } },
            ],
          },
        ],
      },
    },
  ];
}

function userRequest(content: string): Record<string, unknown> {
  return { model: 'auto', messages: [{ role: 'user', content }] };
}

const SERVICES = ['billing service', 'search index', 'mobile app', 'auth gateway', 'data pipeline', 'admin console', 'report generator'];
const ACTIONS = ['reviewed', 'postponed', 'approved', 'rejected', 'reopened', 'split up', 'estimated'];
const TOPICS = ['the retry policy', 'the schema migration', 'the on-call rota', 'the cache eviction policy', 'the rollout plan', 'the load test results', 'the vendor contract'];
const OUTCOMES = ['pending a second opinion', 'with two follow-up tickets', 'after a long discussion', 'because of the release freeze', 'unanimously', 'with one objection'];

/** A deterministic, varied log of `entries` lines (about 19 tokens each). */
function projectLog(entries: number): string {
  const lines: string[] = [];
  for (let entry = 0; entry < entries; entry += 1) {
    const service = SERVICES[entry % SERVICES.length];
    const action = ACTIONS[(entry * 3) % ACTIONS.length];
    const topic = TOPICS[(entry * 5) % TOPICS.length];
    const outcome = OUTCOMES[(entry * 7) % OUTCOMES.length];
    lines.push(`Entry ${entry + 1}: the ${service} team ${action} ${topic} ${outcome}; ticket PRJ-${1000 + entry}.`);
  }
  return lines.join('\n');
}
