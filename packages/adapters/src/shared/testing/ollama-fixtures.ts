import { readFileSync } from 'node:fs';
import { fixturePath, readJsonFixture } from './provider-fixtures';

/** Test-only access to ../shared/fixtures/providers/ollama-docs (examples from Ollama's API docs). */

export interface OllamaDocExample {
  example: string;
  kind: 'stream_chunk' | 'stream_final' | 'response';
  payload: Record<string, unknown>;
}

export function ollamaDocExamples(): OllamaDocExample[] {
  return readJsonFixture('ollama-docs', 'api-chat-examples.json') as OllamaDocExample[];
}

export function ollamaDocExample(example: string, kind: OllamaDocExample['kind']): Record<string, unknown> {
  const found = ollamaDocExamples().find((entry) => entry.example === example && entry.kind === kind);
  if (!found) throw new Error(`no Ollama doc example "${example}" of kind ${kind}`);
  return found.payload;
}

/**
 * The docs' `/api/generate` NDJSON examples rewritten as `/api/chat` lines (`response` →
 * `message.content`), error lines unchanged: real Ollama stream shapes for the chat endpoint.
 */
export function generateExampleAsChatLines(file: string): Record<string, unknown>[] {
  return readFileSync(fixturePath('ollama-docs', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { response, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return response === undefined ? rest : { ...rest, message: { role: 'assistant', content: response } };
    });
}

export const toNdjson = (lines: unknown[]): string => lines.map((line) => `${JSON.stringify(line)}\n`).join('');
