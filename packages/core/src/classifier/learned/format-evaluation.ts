import { TIERS, isTier } from '../../tiers/tiers';
import type { AccuracyCounts, ConfusionTable, EvaluationReport } from './evaluate';

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/**
 * A plain-text rendering of an evaluation: accuracy overall and per source, the confusion table
 * by category family, the most frequent category confusions, and the reliability table.
 *
 * @example
 * console.log(formatEvaluation(await evaluateClassifier(model, examples)));
 */
export function formatEvaluation(report: EvaluationReport, options: { topConfusions?: number } = {}): string {
  const lines: string[] = [`classifier ${report.classifier}: ${report.examples} examples in ${report.durationMs} ms`];
  const header = ['source', 'n', 'category', 'family', 'tier', 'tier±1', 'abstain'];
  const row = (name: string, counts: AccuracyCounts): string[] => [
    name,
    String(counts.examples),
    `${percent(counts.categoryAccuracy)} of ${counts.categoryLabeled}`,
    percent(counts.familyAccuracy),
    `${percent(counts.tierAccuracy)} of ${counts.tierLabeled}`,
    percent(counts.tierWithinOneAccuracy),
    String(counts.abstained + counts.failed),
  ];
  lines.push(table([header, ...Object.entries(report.bySource).sort(([a], [b]) => a.localeCompare(b)).map(([name, counts]) => row(name, counts)), row('all', report)]));
  lines.push('', 'confusion by family (rows: label, columns: prediction)', matrix(report.familyConfusion));
  const confusions = Object.entries(report.categoryConfusion)
    .flatMap(([actual, predictions]) => Object.entries(predictions).filter(([predicted]) => predicted !== actual).map(([predicted, count]) => ({ actual, predicted, count })))
    .sort((a, b) => b.count - a.count || a.actual.localeCompare(b.actual) || a.predicted.localeCompare(b.predicted))
    .slice(0, options.topConfusions ?? 15);
  if (confusions.length > 0) {
    lines.push('', 'most frequent category confusions (label → prediction)');
    for (const entry of confusions) lines.push(`  ${String(entry.count).padStart(4)}  ${entry.actual} → ${entry.predicted}`);
  }
  lines.push('', 'tier confusion', matrix(report.tierConfusion));
  if (report.reliability.length > 0) {
    lines.push('', 'reliability (confidence band: accuracy of the category)');
    for (const band of report.reliability) lines.push(`  ${band.from.toFixed(1)}–${band.to.toFixed(1)}  ${percent(band.accuracy).padStart(6)}  (${band.count})`);
  }
  return lines.join('\n');
}

function matrix(confusion: ConfusionTable): string {
  const rows = Object.keys(confusion).sort(byName);
  const columns = [...new Set([...rows, ...rows.flatMap((name) => Object.keys(confusion[name] ?? {}))])].sort(byName);
  return table([['', ...columns], ...rows.map((name) => [name, ...columns.map((column) => String(confusion[name]?.[column] ?? '·'))])]);
}

/** Tiers in tier order, other names alphabetically, `(abstain)`-style markers last. */
function byName(a: string, b: string): number {
  const rank = (name: string): number => (name.startsWith('(') ? 100 : isTier(name) ? TIERS.indexOf(name) : 50);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? '').length))) ?? [];
  return rows.map((cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')).join('\n');
}
