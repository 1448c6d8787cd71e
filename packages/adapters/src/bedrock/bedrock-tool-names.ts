const VALID_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Bedrock tool names must match `[a-zA-Z0-9_-]{1,64}`; OpenAI's are looser. Names that do not fit
 * are rewritten (invalid characters → `_`, cut to 64, made unique) and mapped back in responses, so
 * the caller only ever sees its own names.
 */
export class ToolNameMap {
  private readonly toBedrockNames = new Map<string, string>();
  private readonly fromBedrockNames = new Map<string, string>();

  /** The Bedrock name for a caller's tool name (registering it on first use). */
  toBedrock(name: string): string {
    const known = this.toBedrockNames.get(name);
    if (known !== undefined) return known;
    let candidate = VALID_NAME.test(name) ? name : name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'tool';
    for (let suffix = 2; this.fromBedrockNames.has(candidate); suffix += 1) {
      const tail = `_${suffix}`;
      candidate = `${candidate.slice(0, 64 - tail.length)}${tail}`;
    }
    this.toBedrockNames.set(name, candidate);
    this.fromBedrockNames.set(candidate, name);
    return candidate;
  }

  /** The caller's name for a tool name Bedrock returned. */
  fromBedrock(name: string): string {
    return this.fromBedrockNames.get(name) ?? name;
  }

  /** Names that had to be rewritten, for a warning. */
  renamed(): [string, string][] {
    return [...this.toBedrockNames.entries()].filter(([original, bedrock]) => original !== bedrock);
  }
}
