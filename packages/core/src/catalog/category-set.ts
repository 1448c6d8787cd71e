import { RefractValidationError, zodIssues } from '../errors/validation-error';
import type { Tier } from '../tiers/tiers';
import { BUILT_IN_CATEGORIES } from './built-in-data';
import { categorySchema, type Category, type CategoryInput } from './category';

/**
 * The routing categories in effect: the 52 built-ins, with additions and overrides from config or
 * storage merged by key.
 *
 * @example
 * const categories = CategorySet.builtIn().with([{ key: 'support_ticket', name: 'Support ticket', tier: 'low' }]);
 * categories.get('coding_medium')?.tier; // 'medium'
 */
export class CategorySet {
  private readonly byKey: ReadonlyMap<string, Category>;
  private readonly ordered: readonly Category[];

  constructor(categories: readonly Category[]) {
    this.byKey = new Map(categories.map((category) => [category.key, category]));
    this.ordered = [...this.byKey.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  }

  static builtIn(): CategorySet {
    builtIn ??= new CategorySet(BUILT_IN_CATEGORIES.map((raw) => categorySchema.parse(raw)));
    return builtIn;
  }

  /**
   * A new set with `inputs` merged over existing categories of the same key (partial fields keep
   * the built-in values) or added. @throws RefractValidationError naming the bad entry.
   */
  with(inputs: readonly CategoryPatch[]): CategorySet {
    if (inputs.length === 0) return this;
    const merged = new Map(this.byKey);
    inputs.forEach((input, index) => {
      const base = merged.get(input.key);
      const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
      const parsed = categorySchema.safeParse({ ...(base ?? {}), ...defined });
      if (!parsed.success) {
        const issues = zodIssues(parsed.error).map((issue) => ({ ...issue, path: `categories.${index}.${issue.path}` }));
        throw new RefractValidationError(`category '${input.key}'`, issues, 'REFRACT_ERR_CONFIG');
      }
      merged.set(parsed.data.key, parsed.data);
    });
    return new CategorySet([...merged.values()]);
  }

  get(key: string): Category | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** All categories, in their configured order. */
  all(): readonly Category[] {
    return this.ordered;
  }

  /** Categories of one tier, in order. */
  ofTier(tier: Tier): Category[] {
    return this.ordered.filter((category) => category.tier === tier);
  }
}

let builtIn: CategorySet | undefined;

/** A category to add, or fields to change on an existing one (by key). */
export type CategoryPatch = { key: string } & { [K in keyof CategoryInput]?: CategoryInput[K] | undefined };
