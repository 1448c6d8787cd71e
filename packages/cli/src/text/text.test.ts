import { describe, expect, it } from 'vitest';
import { clip, formatTable } from './format-table';
import { wrapText } from './wrap-text';

describe('formatTable', () => {
  it('pads columns to the widest cell, right-aligns numbers and draws a rule', () => {
    const table = formatTable([{ header: 'model' }, { header: 'score', align: 'right' }], [['gpt-4o', '7.1'], ['o1', '12.25']]);
    expect(table.split('\n')).toEqual(['model   score', '------  -----', 'gpt-4o    7.1', 'o1      12.25']);
  });

  it('clips cells to maxWidth with an ellipsis', () => {
    const table = formatTable([{ header: 'm', maxWidth: 4 }], [['abcdefgh']]);
    expect(table.split('\n')[2]).toBe('abc…');
  });
});

describe('clip', () => {
  it('keeps short text and cuts long text to the width', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcd', 3)).toBe('ab…');
    expect(clip('abcd', undefined)).toBe('abcd');
  });
});

describe('wrapText', () => {
  it('wraps at word boundaries and indents continuation lines', () => {
    expect(wrapText('one two three four', 9, '  ')).toBe('one two\n  three\n  four');
  });

  it('keeps a word longer than the width whole', () => {
    expect(wrapText('a extraordinarily b', 5)).toBe('a\nextraordinarily\nb');
  });

  it('returns an empty line for empty text', () => {
    expect(wrapText('', 10)).toBe('');
  });
});
