import { describe, expect, it } from 'vitest';
import { compileKeywords } from './keyword-matcher';
import { TextIndex } from './text-index';

describe('compileKeywords (word boundaries, the seed matched substrings)', () => {
  it.each([
    [['roi'], 'Build an Android app for heroic users', []],
    [['roi'], 'What is the ROI of this?', ['roi']],
    [['rce'], 'Read the source, use force, allocate resources', []],
    [['patient'], 'Be patient with the queue', ['patient']],
    [['encrypt*'], 'We need encryption at rest', ['encrypt*']],
    [['cash flow*'], 'The cash flows of Q3', ['cash flow*']],
    [['cash flow*'], 'cash is king, the flow is fine', []],
    [['p&l'], 'Attach the P&L statement', ['p&l']],
    [['c++'], 'Write it in C++ please', ['c++']],
    [['c++'], 'a c program', []],
    [['-----begin'], '-----BEGIN RSA PRIVATE KEY-----', ['-----begin']],
    [['übersetz*'], 'Bitte übersetze das', ['übersetz*']],
    [['sql injection'], 'SQL\n  injection risk', ['sql injection']],
    [['icd-10'], 'code ICD-10 K21.9', ['icd-10']],
    [['tl;dr'], 'tl;dr please', ['tl;dr']],
  ])('%j in %j → %j', (keywords, text, expected) => {
    expect(compileKeywords(keywords).distinctMatches(text)).toEqual(expected);
  });

  it('reports each keyword once and in list order', () => {
    const matcher = compileKeywords(['gdpr', 'nda', 'liabilit*']);
    expect(matcher.distinctMatches('NDA, nda, liability, liabilities and GDPR')).toEqual(['gdpr', 'nda', 'liabilit*']);
  });

  it('accepts a prepared TextIndex and gives the same answer', () => {
    const index = new TextIndex('Encrypt the JWT secret key');
    const matcher = compileKeywords(['jwt', 'secret key*', 'encrypt*', 'token']);
    expect(matcher.distinctMatches(index)).toEqual(matcher.distinctMatches('Encrypt the JWT secret key'));
  });
});
