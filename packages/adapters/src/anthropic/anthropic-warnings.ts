import type { ProviderWarning } from '@refract/core';

/**
 * Collects the warnings of one translation. `once` keeps a repeated cause (the same unsupported
 * block type in every chunk, say) to a single warning.
 */
export class WarningCollector {
  readonly warnings: ProviderWarning[] = [];
  private readonly seen = new Set<string>();

  add(warning: ProviderWarning): void {
    this.warnings.push(warning);
  }

  /** Adds the warning unless one with the same key was added before; returns whether it was added. */
  once(key: string, warning: ProviderWarning): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.warnings.push(warning);
    return true;
  }

  unsupported(parameter: string, message: string): void {
    this.once(`unsupported:${parameter}`, { type: 'unsupported-parameter', parameter, message });
  }

  changed(parameter: string, message: string): void {
    this.add({ type: 'parameter-changed', parameter, message });
  }
}
