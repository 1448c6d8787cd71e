/**
 * The `refract` executable: runs the CLI on the process arguments and sets the exit code.
 * `bin/refract.js` loads the built copy of this file.
 */
import { processIO, runCli } from './cli';

// `refract explain --input big.jsonl | head` closes stdout early: stop quietly, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIO());
