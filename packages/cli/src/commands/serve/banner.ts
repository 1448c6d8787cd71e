/** What the startup banner reports. Never holds a secret: variable names only. */
export interface BannerInput {
  /** `http://127.0.0.1:8787` */
  baseUrl: string;
  bindHost: string;
  providers: { id: string; type: string; models: number; source: string }[];
  /** Models `auto` routes among. */
  routableModels: number;
  demo: boolean;
  access: { mode: 'open'; loopback: boolean; defaultTenant: string } | { mode: 'keys'; tenants: string[]; keys: number };
  adminEnabled: boolean;
  /** What classifies when the rule set is unsure. */
  classifier: string;
  configSource: string;
  notes: string[];
}

const DEMO_TEXT = `DEMO MODE: no provider is configured, so the built-in "demo" provider answers. No model is
  called: every answer is canned and says so, and every response carries x-refract-demo: true.
  For real answers set OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, AWS credentials with
  AWS_REGION, AZURE_OPENAI_ENDPOINT with AZURE_OPENAI_API_KEY, or OLLAMA_HOST, or pass --config.`;

/**
 * The text `refract serve` prints once listening: URL, live providers and their model counts,
 * who may call it, the admin API state, storage, notes and an example request.
 */
export function formatBanner(input: BannerInput): string {
  const lines: string[] = [`Refract is serving the OpenAI-compatible API at ${input.baseUrl}/v1`, ''];
  const width = Math.max(...input.providers.map((provider) => provider.id.length)) + 2;
  lines.push('Providers:');
  for (const provider of input.providers) {
    const label = provider.id === 'demo' && input.demo ? 'demo (DEMO)' : provider.id;
    lines.push(`  ${label.padEnd(width + (label.length - provider.id.length))}${String(provider.models).padStart(3)} model${provider.models === 1 ? ' ' : 's'}  ${provider.type.padEnd(9)} from ${provider.source}`);
  }
  lines.push(`  "auto" routes among these ${input.routableModels} model(s); GET /v1/models lists them.`, '');
  if (input.demo) lines.push(DEMO_TEXT, '');
  lines.push(`Access:     ${accessText(input)}`);
  lines.push(`Admin API:  ${input.adminEnabled ? 'enabled at /admin (REFRACT_ADMIN_TOKEN is set)' : 'disabled (set REFRACT_ADMIN_TOKEN, 24+ characters, to manage tenants and keys at /admin)'}`);
  lines.push(`Classifier: ${input.classifier}`);
  lines.push('Storage:    in memory (tenants, keys, limits and request records are lost on restart)');
  lines.push(`Config:     ${input.configSource === 'environment' ? 'built-in catalog, providers from the environment' : input.configSource}`);
  if (input.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of input.notes) lines.push(`  - ${note}`);
  }
  const auth = input.access.mode === 'keys' ? `\n    -H "authorization: Bearer $REFRACT_API_KEY" \\` : '';
  lines.push(
    '',
    'Try it:',
    `  curl ${input.baseUrl}/v1/chat/completions \\${auth}`,
    `    -H 'content-type: application/json' \\`,
    `    -d '{"model": "auto", "messages": [{"role": "user", "content": "Write a haiku about routers"}]}'`,
    '',
    'Press Ctrl+C to stop.',
  );
  return `${lines.join('\n')}\n`;
}

function accessText(input: BannerInput): string {
  const access = input.access;
  if (access.mode === 'keys') {
    const tenants = access.tenants.length > 0 ? `${access.tenants.length} tenant(s) in the config (${access.tenants.join(', ')})` : 'tenants from the config';
    const keys = access.keys > 0 ? `${access.keys} key(s) declared` : 'no key yet: create one with POST /admin/tenants/{slug}/keys';
    const stuck = access.keys === 0 && !input.adminEnabled ? '\n            WARNING: no key exists and the admin API is disabled, so no request can be served' : '';
    return `API keys required: ${tenants}, ${keys}${stuck}`;
  }
  const tenant = `one default tenant ('${access.defaultTenant}') accepts any or no API key`;
  const scope = access.loopback ? `, reachable from this machine only (${input.bindHost})` : `.\n            OPEN TO THE NETWORK (--allow-open): anyone who reaches ${input.bindHost} can use your providers`;
  const later = input.adminEnabled ? '\n            (keys are enforced from the first key created through the admin API)' : '';
  return `${tenant}${scope}${later}`;
}
