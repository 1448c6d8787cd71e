import type { z } from 'zod';
import { RefractError } from './refract-error';

/** One offending field of a rejected request or config. */
export interface ValidationIssue {
  /** Dotted path, e.g. `messages.2.content` (empty for the root). */
  path: string;
  message: string;
  /** zod issue code, e.g. `invalid_type`. */
  code: string;
}

/**
 * A request or config that does not match its schema. `issues` lists every offending path, and
 * the message names them all, so one round trip tells the caller everything that is wrong.
 */
export class RefractValidationError extends RefractError {
  override readonly name = 'RefractValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(
    what: string,
    issues: readonly ValidationIssue[],
    code: 'REFRACT_ERR_VALIDATION' | 'REFRACT_ERR_CONFIG' = 'REFRACT_ERR_VALIDATION',
  ) {
    const list = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
    super(code, `Invalid ${what}: ${list}`, {
      ...(issues[0]?.path ? { param: issues[0].path } : {}),
      details: { issues },
    });
    this.issues = issues;
  }
}

/** Flattens zod issues (including nested union failures) into path/message pairs. */
export function zodIssues(error: z.ZodError): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const visit = (issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): void => {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        // Report the branch that got furthest: the one with the deepest issue path.
        const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
        const before = out.length;
        visit(best, path);
        if (out.length > before) continue;
      }
      out.push({ path: path.map(String).join('.'), message: issue.message, code: issue.code });
    }
  };
  visit(error.issues, []);
  return dedupe(out);
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((issue) => issue.path.length));
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
