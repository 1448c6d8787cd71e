import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_REFERENCE, END_MARKER, errorTable, START_MARKER, withErrorTable } from '../../../../scripts/error-table';
import { errorCatalog } from './error-codes';

describe('the error-code table in docs/api-reference.md', () => {
  it('is the one errorCatalog generates (run: npx tsx --conditions=@refract/source scripts/error-table.ts --write)', () => {
    const document = readFileSync(API_REFERENCE, 'utf8');
    expect(document).toContain(START_MARKER);
    expect(withErrorTable(document)).toBe(document);
  });

  it('lists every code once, with its status, type and OpenAI code', () => {
    const table = errorTable();
    for (const [code, entry] of Object.entries(errorCatalog)) {
      expect(table.split(`| \`${code}\` |`).length - 1, code).toBe(1);
      expect(table).toContain(`| \`${code}\` | ${entry.status} | \`${entry.type}\` | \`${entry.openaiCode}\` |`);
    }
    expect(() => withErrorTable('no markers')).toThrow(END_MARKER);
  });
});
