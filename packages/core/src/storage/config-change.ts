/** What kind of configuration changed. `all` means "assume anything changed" (after a gap or reconnect). */
export type ConfigChangeKind = 'tenant' | 'api_key' | 'rule_set' | 'category' | 'credential' | 'all';

/**
 * One configuration change, as delivered to `Storage.onConfigChange` listeners on every instance.
 * Caches keyed by tenant drop that tenant's entries; `all` drops everything.
 */
export interface ConfigChange {
  kind: ConfigChangeKind;
  /** Id of what changed: tenant slug, key id, rule-set name, category key or `tenant:provider`. */
  id?: string;
  /** The tenant the change concerns, when there is one. */
  tenant?: string;
  /** Epoch milliseconds when the change was made. */
  at: number;
}

export type ConfigChangeListener = (change: ConfigChange) => void;

/**
 * Fan-out for config changes. A failing listener is reported to `onListenerError` and does not
 * stop the others.
 *
 * @example
 * const emitter = new ConfigChangeEmitter();
 * const stop = emitter.subscribe((change) => cache.invalidate(change.tenant));
 * emitter.emit({ kind: 'tenant', id: 'acme', tenant: 'acme', at: Date.now() });
 * stop();
 */
export class ConfigChangeEmitter {
  private readonly listeners = new Set<ConfigChangeListener>();

  constructor(
    private readonly onListenerError: (error: unknown) => void = (error) => console.error('refract: a config change listener threw', error),
  ) {}

  subscribe(listener: ConfigChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(change: ConfigChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
