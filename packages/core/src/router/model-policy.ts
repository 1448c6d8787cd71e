import { normalizeModelId } from '../catalog/normalize-model-id';
import type { ModelPolicy } from '../tenants/tenant-schema';

/** What a policy entry is matched against. */
export interface PolicySubject {
  provider?: string | undefined;
  model: string;
  catalogId?: string | undefined;
}

/** A compiled allow/deny policy. */
export interface CompiledPolicy {
  /** True when the subject may be used. Deny wins over allow; an empty allow list allows all. */
  allows(subject: PolicySubject): boolean;
  readonly restrictive: boolean;
}

/**
 * Compiles a tenant model policy. An entry matches a model by exact id, by `provider/id`, by its
 * catalog id (so `gpt-4o` covers every provider's gpt-4o deployment), or as a glob with `*`
 * (`anthropic/*`, `gpt-4o*`). Matching is case-insensitive.
 *
 * @example
 * compilePolicy({ deny: ['anthropic/*'] }).allows({ provider: 'anthropic', model: 'claude-haiku-4-5' }); // false
 */
export function compilePolicy(policy: ModelPolicy | undefined): CompiledPolicy {
  const allow = (policy?.allow ?? []).map(compileEntry);
  const deny = (policy?.deny ?? []).map(compileEntry);
  const restrictive = allow.length > 0 || deny.length > 0;
  return {
    restrictive,
    allows(subject) {
      if (!restrictive) return true;
      const names = subjectNames(subject);
      if (deny.some((entry) => names.some((name) => entry(name)))) return false;
      if (allow.length === 0) return true;
      return allow.some((entry) => names.some((name) => entry(name)));
    },
  };
}

function subjectNames(subject: PolicySubject): string[] {
  const names = [subject.model.toLowerCase()];
  if (subject.provider) names.push(`${subject.provider}/${subject.model}`.toLowerCase());
  if (subject.catalogId) {
    names.push(subject.catalogId.toLowerCase());
    if (subject.provider) names.push(`${subject.provider}/${subject.catalogId}`.toLowerCase());
  }
  names.push(normalizeModelId(subject.model));
  return names;
}

function compileEntry(entry: string): (name: string) => boolean {
  const lowered = entry.trim().toLowerCase();
  if (!lowered.includes('*')) {
    const normalized = normalizeModelId(lowered);
    return (name) => name === lowered || (!lowered.includes('/') && name === normalized);
  }
  const pattern = new RegExp(`^${lowered.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (name) => pattern.test(name);
}
