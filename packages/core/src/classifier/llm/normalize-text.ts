/**
 * Text as the classifier sees it: spaces and tabs collapsed, trailing spaces dropped, more than
 * one blank line folded into one. Inputs that differ only in whitespace share a cache entry, and
 * no token is spent on padding.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ ?\r?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Cuts `text` to about `maxTokens`, keeping its head (70 %) and tail (30 %) with a marker saying
 * how much was cut. Characters per token are measured on the text itself; the caller re-checks
 * the exact count.
 */
export function headAndTail(text: string, maxTokens: number, tokens: number): string {
  if (tokens <= maxTokens) return text;
  if (maxTokens <= 0) return '';
  const charsPerToken = text.length / Math.max(1, tokens);
  const keep = Math.max(0, Math.floor(maxTokens * charsPerToken) - 24);
  const head = Math.ceil(keep * 0.7);
  const tail = keep - head;
  return `${text.slice(0, head)} …[${text.length - keep} characters cut]… ${tail > 0 ? text.slice(text.length - tail) : ''}`.trimEnd();
}
