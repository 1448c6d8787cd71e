/** Exit codes of the `refract` command. */
export const EXIT = {
  ok: 0,
  /** The command ran and something failed (a request could not be routed, a JSONL line was bad). */
  failed: 1,
  /** Wrong arguments or an invalid config file: nothing was done. */
  usage: 2,
} as const;

/** Bad arguments. The dispatcher prints the message and the command's help, and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
