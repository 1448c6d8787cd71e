import { formatTable, type TableColumn } from '@refract/cli';
import { TIERS } from '@refract/core';
import type { EvalReport } from './report';
import type { LabelTable, RoutedCategory, VariantStats } from './summarize';

const TIER_HEADERS = ['mic', 'min', 'low', 'med', 'adv', 'hi', 'ult', 'cri'];

/** The terminal form of an evaluation report. `maxRows` caps each table (the JSON has every row). */
export function formatReport(report: EvalReport, maxRows: number): string {
  const out: string[] = [];
  out.push(`Routing evaluation: ${report.totalPrompts.toLocaleString('en-US')} prompts from ${report.dataDir}`);
  for (const variant of report.variants) out.push(`  variant ${variant.name}: ${variant.description}`);
  out.push('', 'Overall (tier columns: share of prompts, %)', statsTable(report.overall), '');
  for (const agreement of report.agreement) {
    out.push(`  ${agreement.variant} agrees with ${report.variants[0]?.name}: category ${pct(agreement.sameCategory)}%, tier ${pct(agreement.sameTier)}%`);
  }
  for (const source of report.sources) {
    out.push('', `== ${source.source} (${source.prompts} prompts) ${'='.repeat(Math.max(3, 70 - source.source.length))}`, statsTable(source.stats));
    for (const table of source.tables) {
      report.variants.forEach((variant, index) => {
        out.push('', `${table.field} → routed category and tier  [${variant.name}]`, labelTable(table, index, maxRows));
      });
    }
    report.variants.forEach((variant, index) => {
      const categories = source.routedCategories[index] ?? [];
      out.push('', `routed category → ${source.tables.at(-1)?.field ?? 'label'}  [${variant.name}]`, routedTable(categories, source.prompts, maxRows));
    });
  }
  if (report.errors.length > 0) {
    out.push('', `Errors (${report.errors.length}, first 10):`);
    for (const error of report.errors.slice(0, 10)) out.push(`  ${error.source} ${error.id} [${error.variant}]: ${error.error}`);
  }
  return `${out.join('\n')}\n`;
}

function statsTable(stats: readonly VariantStats[]): string {
  const columns: TableColumn[] = [
    { header: 'variant' },
    { header: 'prompts', align: 'right' },
    { header: 'errors', align: 'right' },
    { header: 'mean cx', align: 'right' },
    { header: 'p50 ms', align: 'right' },
    { header: 'p90 ms', align: 'right' },
    { header: 'categories', align: 'right' },
    ...TIER_HEADERS.map((header): TableColumn => ({ header, align: 'right' })),
  ];
  const rows = stats.map((entry) => [
    entry.variant,
    String(entry.prompts),
    String(entry.errors),
    entry.meanComplexity.toFixed(3),
    entry.p50Ms.toFixed(3),
    entry.p90Ms.toFixed(3),
    String(entry.categoriesUsed),
    ...TIERS.map((tier) => dotZero(pct(entry.tierShare[tier]))),
  ]);
  return formatTable(columns, rows, '  ');
}

function labelTable(table: LabelTable, variantIndex: number, maxRows: number): string {
  const columns: TableColumn[] = [
    { header: 'label', maxWidth: 34 },
    { header: 'n', align: 'right' },
    { header: 'family', align: 'right' },
    { header: 'cx', align: 'right' },
    { header: 'top routed categories', maxWidth: 66 },
    ...TIER_HEADERS.map((header): TableColumn => ({ header, align: 'right' })),
  ];
  const rows = table.rows.slice(0, maxRows).map((row) => {
    const cell = row.cells[variantIndex];
    if (!cell) return [row.label, String(row.count)];
    const top = cell.categories.slice(0, 3).map(([category, count]) => `${category} ${count}`);
    const more = cell.categories.length > 3 ? ` +${cell.categories.length - 3}` : '';
    return [
      row.label,
      String(row.count),
      cell.inFamily === undefined ? '' : `${pct(cell.inFamily)}%`,
      cell.meanComplexity.toFixed(2),
      `${top.join(', ')}${more}${cell.errors > 0 ? ` (${cell.errors} errors)` : ''}`,
      ...TIERS.map((tier) => dotZero(String(cell.tiers[tier]))),
    ];
  });
  return withMore(formatTable(columns, rows, '  '), table.rows.length, maxRows, 'labels');
}

function routedTable(categories: readonly RoutedCategory[], total: number, maxRows: number): string {
  const columns: TableColumn[] = [{ header: 'category' }, { header: 'n', align: 'right' }, { header: '%', align: 'right' }, { header: 'top labels', maxWidth: 90 }];
  const rows = categories.slice(0, maxRows).map((entry) => [
    entry.category,
    String(entry.count),
    pct(entry.count / Math.max(1, total)),
    entry.labels
      .slice(0, 4)
      .map(([label, count]) => `${label} ${count}`)
      .join(', ') + (entry.labels.length > 4 ? ` +${entry.labels.length - 4}` : ''),
  ]);
  return withMore(formatTable(columns, rows, '  '), categories.length, maxRows, 'categories');
}

function withMore(table: string, total: number, shown: number, what: string): string {
  return total > shown ? `${table}\n  … ${total - shown} more ${what} (--rows ${total} shows all; --json keeps all)` : table;
}

function pct(share: number): string {
  return (share * 100).toFixed(1);
}

function dotZero(value: string): string {
  return value === '0' || value === '0.0' ? '.' : value;
}
