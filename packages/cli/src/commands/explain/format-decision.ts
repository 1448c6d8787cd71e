import type { RouteDecision, RouteTarget, TraceStep } from '@refract/core';
import { formatTable } from '../../text/format-table';
import { wrapText } from '../../text/wrap-text';

const WIDTH = 100;

export interface FormatDecisionOptions {
  /** A first line naming what was explained (e.g. the prompt). */
  title?: string;
}

/**
 * The readable form of a decision printed by `refract explain`: the decision, each trace step
 * (name, duration, what it decided and why) and the candidates considered.
 *
 * @example
 * process.stdout.write(formatDecision(await router.route(request), { title: 'Prompt: "Hi"' }));
 */
export function formatDecision(decision: RouteDecision, options: FormatDecisionOptions = {}): string {
  const out: string[] = [];
  if (options.title) out.push(options.title);
  out.push(wrapText(decision.reason, WIDTH, '  '), '');
  out.push(...summaryLines(decision), '');
  out.push('Trace');
  decision.trace.forEach((step, index) => out.push(...stepLines(step, index + 1)));
  out.push('');
  if (decision.candidates.length > 0) {
    out.push(`Candidates (best first, top ${decision.candidates.length})`);
    out.push(candidateTable(decision), '');
  }
  return `${out.join('\n')}\n`;
}

function summaryLines(decision: RouteDecision): string[] {
  const window = decision.contextWindow === undefined ? 'window unknown' : `window ${decision.contextWindow.toLocaleString('en-US')}`;
  const fields: [string, string][] = [
    ['model', `${decision.provider}/${decision.model}`],
    ['tier', decision.tier],
    ['category', decision.category],
    ['complexity', decision.complexity.toFixed(3)],
    ['confidence', decision.confidence.toFixed(2)],
    ['cost mode', decision.costMode],
    ['mode', `${decision.mode}, selected by ${decision.selectionMethod}${decision.classifier ? `, classifier ${decision.classifier}` : ''}`],
    ['input', `~${decision.estimatedInputTokens.toLocaleString('en-US')} tokens, ${window}`],
    ['est. cost', `$${decision.estimatedCostUsd}`],
    ['fallbacks', decision.fallbacks.length > 0 ? decision.fallbacks.map(target).join(', ') : 'none'],
    ['warnings', decision.warnings.length > 0 ? decision.warnings.map((warning) => `${warning.code}: ${warning.message}`).join('; ') : 'none'],
    ['routed in', `${decision.routingTimeMs.toFixed(3)} ms`],
  ];
  const label = Math.max(...fields.map(([name]) => name.length)) + 2;
  return fields.map(([name, value]) => `  ${name.padEnd(label)}${wrapText(value, WIDTH - label - 2, ' '.repeat(label + 2))}`);
}

function stepLines(step: TraceStep, position: number): string[] {
  const indent = '      ';
  return [
    `  ${String(position).padStart(2)}. ${step.name}  (${step.durationMs.toFixed(3)} ms)`,
    `${indent}decided: ${wrapText(step.decided, WIDTH - indent.length - 9, `${indent}         `)}`,
    `${indent}why:     ${wrapText(step.why, WIDTH - indent.length - 9, `${indent}         `)}`,
  ];
}

function candidateTable(decision: RouteDecision): string {
  const rows = decision.candidates.map((candidate, index) => [
    String(index + 1),
    `${candidate.provider}/${candidate.model}${candidate.provider === decision.provider && candidate.model === decision.model ? ' *' : ''}`,
    candidate.tier,
    candidate.quality.toFixed(1),
    `$${candidate.estimatedCostUsd}`,
    String(candidate.score),
    candidate.benchmarkSource,
    candidate.priceSource,
  ]);
  return formatTable(
    [
      { header: '#', align: 'right' },
      { header: 'model', maxWidth: 48 },
      { header: 'tier' },
      { header: 'quality', align: 'right' },
      { header: 'est. cost', align: 'right' },
      { header: 'score', align: 'right' },
      { header: 'benchmarks' },
      { header: 'price' },
    ],
    rows,
    '  ',
  );
}

function target(entry: RouteTarget): string {
  return `${entry.provider}/${entry.model} (${entry.tier})`;
}
