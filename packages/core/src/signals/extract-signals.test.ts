import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../spec/chat-request';
import { heuristicTokenizer } from '../tokenizer/tokenizer';
import { extractSignals } from './extract-signals';

const user = (content: ChatRequest['messages'][number]['content']): ChatRequest['messages'][number] => ({ role: 'user', content }) as ChatRequest['messages'][number];
const signalsOf = (messages: ChatRequest['messages'], extra: Partial<ChatRequest> = {}) =>
  extractSignals({ model: 'auto', messages, ...extra } as ChatRequest, { tokenizer: heuristicTokenizer });

describe('extractSignals', () => {
  it('counts genuine user turns, skipping tool output pasted as user text', () => {
    const signals = signalsOf([
      user('first question'),
      { role: 'assistant', content: 'answer' },
      user('Tool output for read_file: ...'),
      user('[tool result for search]: 3 hits'),
      user('second question'),
    ]);
    expect(signals.userTurns).toBe(2);
    expect(signals.lastUserMessage).toBe('second question');
  });

  it('detects images and counts them, and never calls an image request FIM', () => {
    const signals = signalsOf(
      [user([{ type: 'text', text: '<fim_prefix>what is this' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }])],
      {},
    );
    expect(signals).toMatchObject({ hasImages: true, imageCount: 1, isFim: false });
  });

  it('reads tools and a forced tool choice', () => {
    const tools = [{ type: 'function' as const, function: { name: 'f' } }];
    expect(signalsOf([user('x')], { tools }).hasTools).toBe(true);
    expect(signalsOf([user('x')], { tools, tool_choice: 'none' }).hasTools).toBe(false);
    expect(signalsOf([user('x')], { tools, tool_choice: 'required' }).toolChoiceRequired).toBe(true);
  });

  it.each([
    ['You are a code completion engine. Complete the code.', 'def f():', true],
    ['', '<fim_prefix>def add(a, b):<fim_suffix>\n<fim_middle>', true],
    ['', '<|fim_begin|>x<|fim_hole|>y<|fim_end|>', true],
    ['', '<PRE> a <SUF> b <MID>', true],
    // The seed's false positives: a pasted block with `// END`, a diamond, a bare code block.
    ['', 'Review this:\n```js\nfoo(); // END\n```', false],
    ['', 'Price ◊ 10', false],
    ['', '```python\nprint(1)\n```', false],
    ['', 'Say <PRE> only', false],
  ])('FIM: system %j, user %j → %s', (system, text, expected) => {
    const messages: ChatRequest['messages'] = system ? [{ role: 'system', content: system }, user(text)] : [user(text)];
    expect(signalsOf(messages).isFim).toBe(expected);
  });

  it('detects code languages from syntax and from prose mentions, not from prices', () => {
    expect(signalsOf([user('def merge(a, b):\n    return sorted(a + b)')]).codeLanguages).toContain('python');
    expect(signalsOf([user('Write a Rust program in Rust code style')]).codeLanguages).toContain('rust code');
    expect(signalsOf([user('SELECT id FROM users WHERE age > 3')]).codeLanguages).toContain('sql');
    const prose = signalsOf([user('It costs $5 and $word is just a price, thanks')]);
    expect(prose.codeLanguages).not.toContain('bash');
    expect(prose.hasCode).toBe(false);
  });

  it.each([
    ['How do I improve my Android app UI?', []],
    ['Calculate the ROI and the cash flow of this investment', ['finance']],
    ['Is this NDA enforceable? What about liability?', ['legal']],
    ['What is the right dosage of ibuprofen for these symptoms?', ['medical']],
    ['Use the source, Luke; force the update of the resources', []],
    ['Rotate the JWT and the private key after the exploit', ['security']],
  ])('domains of %j → %j', (text, domains) => {
    expect(signalsOf([user(text)]).domains).toEqual(domains);
  });

  it('detects an agent loop from structure and from the system prompt', () => {
    expect(
      signalsOf([
        user('fix the bug'),
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'read', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'file contents' },
      ]),
    ).toMatchObject({ isToolAgent: true, isToolOutputContinuation: true });
    expect(signalsOf([{ role: 'system', content: 'You are an autonomous coding agent.' }, user('go')]).isToolAgent).toBe(true);
    expect(signalsOf([user('hello')])).toMatchObject({ isToolAgent: false, isToolOutputContinuation: false });
  });

  it('reads frustration only from a later turn', () => {
    expect(signalsOf([user('That is still wrong!!!')]).frustration).toBe(false);
    const later = signalsOf([user('fix it'), { role: 'assistant', content: 'done' }, user("It still doesn't work, you keep saying the same thing")]);
    expect(later.frustration).toBe(true);
    expect(signalsOf([user('a'), { role: 'assistant', content: 'b' }, user('Das funktioniert immer noch nicht')]).frustration).toBe(true);
  });

  it.each([
    ['Answer yes or no: is 7 prime?', undefined, 'short'],
    ['Give me a title for this chat', undefined, 'short'],
    ['Write a detailed, step-by-step guide to Kubernetes networking', undefined, 'long'],
    ['What is the capital of France?', undefined, 'medium'],
    ['Explain it', 32, 'short'],
  ])('expected output of %j (max tokens %s) → %s', (text, maxTokens, expected) => {
    expect(signalsOf([user(text)], maxTokens ? { max_tokens: maxTokens } : {}).expectedOutput).toBe(expected);
  });

  it('reads the system prompt (capped) and JSON mode', () => {
    const signals = signalsOf([{ role: 'system', content: 'x'.repeat(5000) }, user('hi')], { response_format: { type: 'json_object' } });
    expect(signals.systemPrompt).toHaveLength(2000);
    expect(signals.wantsJson).toBe(true);
  });
});
