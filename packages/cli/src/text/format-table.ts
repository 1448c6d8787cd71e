export interface TableColumn {
  header: string;
  /** Right-align (numbers). */
  align?: 'left' | 'right';
  /** Cells longer than this are cut with an ellipsis. */
  maxWidth?: number;
}

/**
 * Lays rows out as a plain-text table with padded columns, a header row and a rule under it.
 *
 * @example
 * formatTable([{ header: 'model' }, { header: 'score', align: 'right' }], [['gpt-4o', '7.1']]);
 * // model   score
 * // ------  -----
 * // gpt-4o    7.1
 */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], indent = ''): string {
  const cells = rows.map((row) => columns.map((column, index) => clip(row[index] ?? '', column.maxWidth)));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((row) => (row[index] ?? '').length)));
  const line = (values: readonly string[]): string =>
    indent +
    values
      .map((value, index) => {
        const width = widths[index] ?? 0;
        return columns[index]?.align === 'right' ? value.padStart(width) : value.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const header = line(columns.map((column) => column.header));
  const rule = line(widths.map((width) => '-'.repeat(width)));
  return [header, rule, ...cells.map(line)].join('\n');
}

/** Cuts `text` to `maxWidth` characters, ending with an ellipsis when cut. */
export function clip(text: string, maxWidth: number | undefined): string {
  if (maxWidth === undefined || text.length <= maxWidth) return text;
  return `${text.slice(0, Math.max(0, maxWidth - 1))}…`;
}
