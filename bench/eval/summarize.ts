import { TIERS, type Tier } from '@refract/core';
import type { Outcome, PromptResult } from './evaluate';
import { familyOf } from './label-families';

export type TierCounts = Record<Tier, number>;

/** One variant's results for a group of prompts. */
export interface VariantStats {
  variant: string;
  prompts: number;
  errors: number;
  /** Share of routed prompts per tier (0–1). */
  tierShare: Record<Tier, number>;
  meanComplexity: number;
  /** Wall time of `route()`, in milliseconds. */
  p50Ms: number;
  p90Ms: number;
  categoriesUsed: number;
}

/** One variant's column of a confusion row. */
export interface VariantCell {
  /** Routed categories, most frequent first. */
  categories: [string, number][];
  tiers: TierCounts;
  meanComplexity: number;
  errors: number;
  /** Share routed into the label's expected category family (see label-families.ts), if it has one. */
  inFamily?: number;
}

export interface LabelRow {
  label: string;
  count: number;
  cells: VariantCell[];
}

/** Label → routed category and tier, for one label field of one source. */
export interface LabelTable {
  field: string;
  rows: LabelRow[];
}

/** The reverse view: which labels a routed category received (useful when labels are many). */
export interface RoutedCategory {
  category: string;
  count: number;
  /** Top labels of the source's most specific (last) label field, most frequent first. */
  labels: [string, number][];
}

export interface SourceReport {
  source: string;
  prompts: number;
  stats: VariantStats[];
  tables: LabelTable[];
  /** Per variant, routed categories most frequent first. */
  routedCategories: RoutedCategory[][];
}

/** How often each variant agrees with the first one. */
export interface Agreement {
  variant: string;
  sameCategory: number;
  sameTier: number;
}

/** Groups prompt results by source and builds every table and statistic, for each variant. */
export function summarizeSources(results: readonly PromptResult[], variants: readonly string[], labelFields: Readonly<Record<string, readonly string[]>>): SourceReport[] {
  const bySource = groupBy(results, (result) => result.source);
  return [...bySource.entries()].map(([source, group]) => ({
    source,
    prompts: group.length,
    stats: variants.map((variant, index) => variantStats(variant, group.map((result) => outcomeAt(result, index)))),
    tables: (labelFields[source] ?? []).map((field) => labelTable(source, field, group, variants.length)),
    routedCategories: variants.map((_variant, index) => routedCategories(group, index, labelFields[source]?.at(-1))),
  }));
}

/** Statistics of one variant over a list of outcomes. */
export function variantStats(variant: string, outcomes: readonly Outcome[]): VariantStats {
  const routed = outcomes.filter((outcome): outcome is Extract<Outcome, { ok: true }> => outcome.ok);
  const tiers = countTiers(routed.map((outcome) => outcome.tier));
  const times = outcomes.map((outcome) => outcome.timeMs).sort((a, b) => a - b);
  return {
    variant,
    prompts: outcomes.length,
    errors: outcomes.length - routed.length,
    tierShare: Object.fromEntries(TIERS.map((tier) => [tier, routed.length === 0 ? 0 : tiers[tier] / routed.length])) as Record<Tier, number>,
    meanComplexity: mean(routed.map((outcome) => outcome.complexity)),
    p50Ms: percentile(times, 0.5),
    p90Ms: percentile(times, 0.9),
    categoriesUsed: new Set(routed.map((outcome) => outcome.category)).size,
  };
}

/** Share of prompts where each later variant picked the first variant's category and tier. */
export function agreement(results: readonly PromptResult[], variants: readonly string[]): Agreement[] {
  return variants.slice(1).map((variant, offset) => {
    let sameCategory = 0;
    let sameTier = 0;
    for (const result of results) {
      const base = result.outcomes[0];
      const other = result.outcomes[offset + 1];
      if (!base?.ok || !other?.ok) continue;
      if (base.category === other.category) sameCategory += 1;
      if (base.tier === other.tier) sameTier += 1;
    }
    const total = Math.max(1, results.length);
    return { variant, sameCategory: sameCategory / total, sameTier: sameTier / total };
  });
}

/** Nearest-rank percentile of ascending `sorted` values (0 for none). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

function labelTable(source: string, field: string, group: readonly PromptResult[], variantCount: number): LabelTable {
  const byLabel = groupBy(group, (result) => result.labels[field] ?? '(none)');
  const rows = [...byLabel.entries()].map(([label, members]) => {
    const family = familyOf(source, field, label);
    const cells = Array.from({ length: variantCount }, (_unused, index) => {
      const outcomes = members.map((member) => outcomeAt(member, index));
      const routed = outcomes.filter((outcome): outcome is Extract<Outcome, { ok: true }> => outcome.ok);
      const cell: VariantCell = {
        categories: countSorted(routed.map((outcome) => outcome.category)),
        tiers: countTiers(routed.map((outcome) => outcome.tier)),
        meanComplexity: mean(routed.map((outcome) => outcome.complexity)),
        errors: outcomes.length - routed.length,
      };
      if (family) cell.inFamily = routed.length === 0 ? 0 : routed.filter((outcome) => family.includes(outcome.category)).length / routed.length;
      return cell;
    });
    return { label, count: members.length, cells };
  });
  rows.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return { field, rows };
}

function routedCategories(group: readonly PromptResult[], variantIndex: number, field: string | undefined): RoutedCategory[] {
  const byCategory = new Map<string, PromptResult[]>();
  for (const result of group) {
    const outcome = outcomeAt(result, variantIndex);
    if (!outcome.ok) continue;
    const list = byCategory.get(outcome.category) ?? [];
    list.push(result);
    byCategory.set(outcome.category, list);
  }
  return [...byCategory.entries()]
    .map(([category, members]) => ({
      category,
      count: members.length,
      labels: field ? countSorted(members.map((member) => member.labels[field] ?? '(none)')) : [],
    }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}

function outcomeAt(result: PromptResult, index: number): Outcome {
  return result.outcomes[index] ?? { ok: false, error: 'no outcome', timeMs: 0 };
}

function countTiers(tiers: readonly Tier[]): TierCounts {
  const counts = Object.fromEntries(TIERS.map((tier) => [tier, 0])) as TierCounts;
  for (const tier of tiers) counts[tier] += 1;
  return counts;
}

function countSorted(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const list = out.get(name) ?? [];
    list.push(item);
    out.set(name, list);
  }
  return out;
}
