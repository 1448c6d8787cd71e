import { write } from '../../cli/cli-io';
import { clip } from '../../text/format-table';
import { decisionJson } from './decision-json';
import type { ExplainRun } from './explain-options';
import { formatDecision } from './format-decision';
import { promptRequest } from './request-input';

/**
 * `refract explain "<prompt>"`: routes one prompt (with an optional system prompt) and prints the
 * trace, or the decision as JSON. Errors propagate to the command, which maps them to exit codes.
 */
export async function explainPrompt(run: ExplainRun, prompt: string, system: string | undefined): Promise<number> {
  const request = promptRequest({ prompt, system, model: run.model });
  const decision = await run.router.route(request, run.tenant === undefined ? {} : { tenant: run.tenant });
  if (run.json) {
    await write(run.io.stdout, `${JSON.stringify(decisionJson(decision, { full: run.full }), null, 2)}\n`);
  } else {
    const title = `${system ? `System: ${quote(system)}\n` : ''}Prompt: ${quote(prompt)}  (config: ${run.source})\n`;
    await write(run.io.stdout, formatDecision(decision, { title }));
  }
  return 0;
}

function quote(text: string): string {
  return `"${clip(text.replace(/\s+/g, ' ').trim(), 160)}"`;
}
