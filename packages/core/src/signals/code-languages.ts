import { compileKeywords } from './keyword-matcher';
import { anchored, testAnchored, type AnchoredPattern, type TextIndex } from './text-index';

/**
 * Programming-language fingerprints. Each language needs one pattern to match. The patterns are
 * Refract's own; the shell patterns need real shell syntax (the seed's `$word` matched prices).
 */
export const CODE_LANGUAGE_PATTERNS: Readonly<Record<string, readonly AnchoredPattern[]>> = {
  python: [
    anchored(/^\s*def \w+\s*\(.*\)\s*(->.*)?:/m, { words: ['def'], symbols: '():' }),
    anchored(/^\s*(?:from [\w.]+ )?import [\w., ]+$/m, { words: ['import'] }),
    anchored(/\bself\.\w+/, { words: ['self'], symbols: '.' }),
    anchored(/\b\w+\.py\b/, { words: ['py'], symbols: '.' }),
    anchored(/^\s*class \w+(\(.*\))?:/m, { words: ['class'], symbols: ':' }),
  ],
  javascript: [
    anchored(/\bfunction\s+\w+\s*\(/, { words: ['function'], symbols: '(' }),
    anchored(/\b(?:const|let)\s+\w+\s*=/, { words: ['const', 'let'], symbols: '=' }),
    anchored(/=>\s*[{(]/, { symbols: '=>', literal: '=>' }),
    anchored(/\brequire\(['"]/, { words: ['require'], symbols: '(' }),
    anchored(/\bconsole\.log\(/, { words: ['console'], symbols: '.(' }),
    anchored(/\b\w+\.(?:js|mjs|jsx)\b/, { words: ['js', 'mjs', 'jsx'], symbols: '.' }),
  ],
  typescript: [
    anchored(/\binterface\s+\w+\s*\{/, { words: ['interface'], symbols: '{' }),
    anchored(/\btype\s+\w+\s*=\s*[{(\w'"]/, { words: ['type'], symbols: '=' }),
    anchored(/:\s*(?:string|number|boolean)(?:\[\])?\s*[;,)=]/, { words: ['string', 'number', 'boolean'], symbols: ':' }),
    anchored(/\b\w+\.tsx?\b/, { words: ['ts', 'tsx'], symbols: '.' }),
  ],
  sql: [
    anchored(/\bSELECT\b[\s\S]{1,200}?\bFROM\b/i, { words: ['select'] }),
    anchored(/\bCREATE\s+TABLE\b/i, { words: ['table'] }),
    anchored(/\bINSERT\s+INTO\b/i, { words: ['insert'] }),
    anchored(/\bALTER\s+TABLE\b/i, { words: ['alter'] }),
    anchored(/\bUPDATE\s+\w+\s+SET\b/i, { words: ['update'] }),
  ],
  go: [anchored(/\bfunc\s+(?:\(\w+ \*?\w+\)\s*)?\w+\s*\(/, { words: ['func'], symbols: '(' }), anchored(/^package \w+$/m, { words: ['package'] }), anchored(/\w\s*:=/, { symbols: ':=', literal: ':=' }), anchored(/\b\w+\.go\b/, { words: ['go'], symbols: '.' })],
  rust: [anchored(/\bfn\s+\w+\s*[<(]/, { words: ['fn'] }), anchored(/\blet\s+mut\b/, { words: ['mut'] }), anchored(/\bimpl(?:<[^>]*>)?\s+\w+/, { words: ['impl'] }), anchored(/\b\w+\.rs\b/, { words: ['rs'], symbols: '.' }), anchored(/\bunwrap\(\)/, { words: ['unwrap'], symbols: '()' })],
  java: [anchored(/\bpublic\s+(?:static\s+)?(?:class|void|interface)\b/, { words: ['public'] }), anchored(/\bSystem\.out\.println\(/, { words: ['println'], symbols: '.(' }), anchored(/\b\w+\.java\b/, { words: ['java'], symbols: '.' })],
  csharp: [anchored(/\busing System(?:\.\w+)*;/, { words: ['using'], symbols: ';' }), anchored(/\bnamespace\s+[\w.]+/, { words: ['namespace'] }), anchored(/\bpublic\s+async\s+Task\b/, { words: ['task'] }), anchored(/\b\w+\.cs\b/, { words: ['cs'], symbols: '.' })],
  cpp: [anchored(/#include\s*<\w+(?:\.h)?>/, { words: ['include'], symbols: '#<>' }), anchored(/\bstd::\w+/, { words: ['std'], symbols: ':', literal: 'std::' }), anchored(/\b\w+\.(?:cpp|hpp|cc)\b/, { words: ['cpp', 'hpp', 'cc'], symbols: '.' })],
  solidity: [anchored(/pragma solidity/, { words: ['solidity'] }), anchored(/\bcontract\s+\w+\s*\{/, { words: ['contract'], symbols: '{' }), anchored(/\bmapping\s*\(/, { words: ['mapping'], symbols: '(' }), anchored(/\b\w+\.sol\b/, { words: ['sol'], symbols: '.' })],
  bash: [
    anchored(/^#!\/(?:usr\/)?bin\/(?:env\s+)?(?:bash|sh|zsh)/m, { symbols: '#!/', literal: '#!/' }),
    anchored(/^\s*(?:sudo|apt-get|apt|chmod|chown|export|curl|wget)\s+\S/m, { words: ['sudo', 'apt', 'chmod', 'chown', 'export', 'curl', 'wget'] }),
    anchored(/\|\s*(?:grep|awk|sed|xargs)\b/, { words: ['grep', 'awk', 'sed', 'xargs'], symbols: '|' }),
    anchored(/\$\{\w+\}/, { symbols: '${}', literal: '${' }),
  ],
  docker: [anchored(/^FROM\s+[\w./:-]+/m, { words: ['from'] }), anchored(/^RUN\s+\w+/m, { words: ['run'] }), anchored(/^EXPOSE\s+\d+/m, { words: ['expose'] }), anchored(/^WORKDIR\s+\S/m, { words: ['workdir'] })],
  yaml: [anchored(/^---\s*$/m, { symbols: '-', literal: '---' }), anchored(/^[\w-]+:\s*\n\s+[\w-]+:/m, { symbols: ':', literal: ':\n' }), anchored(/^\s*-\s+name:\s/m, { words: ['name'], symbols: '-:' })],
  terraform: [anchored(/\bresource\s+"\w+"\s+"\w+"/, { words: ['resource'], symbols: '"' }), anchored(/\bprovider\s+"\w+"/, { words: ['provider'], symbols: '"' }), anchored(/\b\w+\.tf\b/, { words: ['tf'], symbols: '.' })],
};

const LANGUAGES = Object.entries(CODE_LANGUAGE_PATTERNS);

/** The languages whose fingerprints occur in the text. */
export function detectCodeLanguages(index: TextIndex): string[] {
  if (index.lower === '') return [];
  const found: string[] = [];
  for (const [language, patterns] of LANGUAGES) {
    if (patterns.some((pattern) => testAnchored(pattern, index))) found.push(language);
  }
  return found;
}

/** The text contains a fenced code block. */
export function hasFencedCode(index: TextIndex): boolean {
  return index.hasSymbols('`') && index.lower.includes('```');
}

const LANGUAGE_NAMES = compileKeywords([
  'python', 'javascript', 'typescript', 'node.js', 'nodejs', 'java', 'kotlin', 'c++', 'c#', 'golang', 'go code', 'in go',
  'rust code', 'in rust', 'rust program', 'ruby', 'php', 'haskell', 'scala', 'perl', 'lua', 'zig', 'elixir', 'erlang',
  'clojure', 'fortran', 'cobol', 'matlab', 'swiftui', 'swift code', 'objective-c', 'powershell', 'bash', 'shell script',
  'html', 'css', 'react', 'vue', 'angular', 'django', 'flask', 'fastapi', 'spring boot', 'sql', 'verilog', 'vhdl', 'solidity',
]);

const PROGRAMMING_WORDS = compileKeywords([
  'function*', 'code', 'coding', 'script*', 'program*', 'algorithm*', 'implement*', 'compile*', 'compiler', 'refactor*',
  'regex', 'regular expression*', 'api', 'class*', 'method*', 'variable*', 'debug*', 'unit test*', 'library', 'framework',
  'recursion', 'recursive', 'array*', 'linked list', 'hash map', 'data structure*', 'runtime', 'big-o', 'repository',
]);

/**
 * Programming languages or programming vocabulary mentioned in prose ("write a Python script",
 * "implement this algorithm"): a language name, or two distinct programming words.
 */
export function detectCodeMentions(index: TextIndex): string[] {
  if (index.lower === '') return [];
  const languages = LANGUAGE_NAMES.distinctMatches(index);
  if (languages.length > 0) return languages;
  const words = PROGRAMMING_WORDS.distinctMatches(index);
  return words.length >= 2 ? ['programming'] : [];
}
