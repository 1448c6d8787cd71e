/**
 * Finds the JSON object in a model's answer, tolerantly: the whole text when it parses, else a
 * fenced ```json block (or any fenced block), else the span from the first `{` to the last `}`.
 * @returns the parsed value, or undefined when nothing parses.
 *
 * @example
 * extractJson('Sure! ```json\n{"category":"coding_simple"}\n```'); // { category: 'coding_simple' }
 */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const candidates: string[] = [trimmed];
  const fenced = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/g;
  for (let match = fenced.exec(trimmed); match; match = fenced.exec(trimmed)) candidates.push((match[1] ?? '').trim());
  const first = trimmed.indexOf('{');
  const last = trimmed.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(trimmed.slice(first, last + 1));
  for (const candidate of candidates) {
    if (!candidate.startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(candidate);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}
