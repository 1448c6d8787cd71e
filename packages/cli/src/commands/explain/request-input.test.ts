import { describe, expect, it } from 'vitest';
import { InputLineError, parseInputLine, promptRequest } from './request-input';

describe('promptRequest', () => {
  it('builds a user turn, after a system message when one is given', () => {
    expect(promptRequest({ prompt: 'Hi', model: 'auto' })).toEqual({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] });
    expect(promptRequest({ prompt: 'Hi', system: 'Be brief.', model: 'gpt-4o' })).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    });
  });

  it('leaves out an empty system prompt', () => {
    expect(promptRequest({ prompt: 'Hi', system: '', model: 'auto' })['messages']).toHaveLength(1);
  });
});

describe('parseInputLine', () => {
  const messages = [{ role: 'user', content: 'Hello' }];

  it.each([
    ['a chat request keeps its fields and gets the default model', { messages, max_tokens: 50 }, { model: 'auto', messages, max_tokens: 50 }, {}],
    ['a chat request keeps its own model', { model: 'gpt-4o', messages }, { model: 'gpt-4o', messages }, {}],
    ['a prompt becomes a user message', { prompt: 'Hello' }, { model: 'auto', messages }, {}],
    [
      'a prompt with a system prompt and extra fields',
      { prompt: 'Hello', system: 'Be brief.', model: 'x', temperature: 0 },
      { model: 'x', temperature: 0, messages: [{ role: 'system', content: 'Be brief.' }, ...messages] },
      {},
    ],
    ['"tenant" is taken out of the request', { prompt: 'Hello', tenant: 'acme' }, { model: 'auto', messages }, { tenant: 'acme' }],
  ])('%s', (_name, line, request, context) => {
    expect(parseInputLine(JSON.stringify(line), 'auto')).toEqual({ request, context });
  });

  it.each([
    ['{"prompt": "x",', /not valid JSON/],
    ['[1, 2]', /JSON object/],
    ['"text"', /JSON object/],
    ['null', /JSON object/],
    ['{"model": "auto"}', /needs "messages"/],
    ['{"prompt": "x", "messages": []}', /not both/],
    ['{"prompt": 42}', /"prompt" must be a string/],
    ['{"prompt": "x", "system": 1}', /"system" must be a string/],
    ['{"messages": [], "system": "s"}', /"system" goes with "prompt"/],
    ['{"prompt": "x", "tenant": ""}', /"tenant" must be/],
  ])('rejects %s', (line, message) => {
    expect(() => parseInputLine(line, 'auto')).toThrow(InputLineError);
    expect(() => parseInputLine(line, 'auto')).toThrow(message);
  });
});
