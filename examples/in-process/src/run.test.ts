import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOpenAI, type LocalOpenAI } from '@refract/example-local-openai';
import { run } from './run';

describe('examples/in-process', () => {
  let local: LocalOpenAI;
  beforeAll(async () => {
    local = await startLocalOpenAI();
  });
  afterAll(async () => {
    await local.close();
  });

  it('routes, chats and streams through a real adapter against a local provider', async () => {
    const lines: string[] = [];
    await run({ baseURL: local.baseURL, apiKey: 'local', log: (line) => lines.push(line) });
    const output = lines.join('\n');
    const routed = /route\(\): openai\/(\S+) · tier (\w+) · category (\w+)/.exec(output);
    expect(routed).not.toBeNull();
    expect(output).toContain(`chat(): [${routed![1]}] You said: Write a haiku about routing requests.`);
    expect(output).toContain(`served by openai/${routed![1]}`);
    expect(output).toContain(`stream(): [${routed![1]}] You said: Write a haiku about routing requests.`);
    expect(output).toMatch(/final chunk: \d+ in \+ 9 out tokens/);
    expect(output).toMatch(/stream summary: success, \$\d+\.\d{6}/);
    expect(output).toContain('  rule-set: ');
  });
});
