/**
 * Wraps text at word boundaries to `width` characters; lines after the first start with `indent`.
 * Words longer than the width stay whole.
 *
 * @example
 * wrapText('a b c d', 3, '  '); // 'a b\n  c d'
 */
export function wrapText(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((part) => part.length > 0)) {
    const limit = lines.length === 0 ? width : width - indent.length;
    if (current.length > 0 && current.length + 1 + word.length > limit) {
      lines.push(current);
      current = word;
    } else {
      current = current.length > 0 ? `${current} ${word}` : word;
    }
  }
  if (current.length > 0 || lines.length === 0) lines.push(current);
  return lines.map((line, index) => (index === 0 ? line : indent + line)).join('\n');
}
