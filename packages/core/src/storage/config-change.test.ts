import { describe, expect, it } from 'vitest';
import { ConfigChangeEmitter } from './config-change';

describe('ConfigChangeEmitter', () => {
  it('a throwing listener is reported and does not stop the others; unsubscribe works', () => {
    const reported: unknown[] = [];
    const emitter = new ConfigChangeEmitter((error) => reported.push(error));
    const seen: string[] = [];
    emitter.subscribe(() => {
      throw new Error('listener bug');
    });
    const stop = emitter.subscribe((change) => seen.push(change.id ?? ''));
    emitter.emit({ kind: 'tenant', id: 'acme', tenant: 'acme', at: 1 });
    stop();
    emitter.emit({ kind: 'tenant', id: 'globex', tenant: 'globex', at: 2 });
    expect(seen).toEqual(['acme']);
    expect(reported.map((error) => (error as Error).message)).toEqual(['listener bug', 'listener bug']);
    expect(emitter.size).toBe(1);
  });
});
