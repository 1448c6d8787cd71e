/**
 * Test-only: decoded stream payloads back in the SSE wire form a provider sends. `eventOf` names
 * each event (Anthropic sends `event: <type>`), `newline` is `\n` or `\r\n` (Gemini), `done`
 * appends OpenAI's `data: [DONE]`.
 */
export function sseWire(
  datas: readonly string[],
  options: { eventOf?: (data: string) => string | undefined; newline?: '\n' | '\r\n'; done?: boolean } = {},
): string {
  const newline = options.newline ?? '\n';
  const events = datas.map((data) => {
    const event = options.eventOf?.(data);
    return `${event ? `event: ${event}${newline}` : ''}data: ${data}${newline}${newline}`;
  });
  if (options.done) events.push(`data: [DONE]${newline}${newline}`);
  return events.join('');
}
