import type { Router } from '@refract/core';
import type { CliIO } from '../../cli/cli-io';

/** What every explain mode gets: the router, the IO and the output flags. */
export interface ExplainRun {
  router: Router;
  /** `--config` path or `built-in catalog`. */
  source: string;
  io: CliIO;
  json: boolean;
  full: boolean;
  model: string;
  tenant: string | undefined;
}
