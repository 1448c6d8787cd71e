import { write } from '../../cli/cli-io';
import { clip } from '../../text/format-table';
import { decisionJson } from './decision-json';
import { demoPrompts } from './demo-prompts';
import type { ExplainRun } from './explain-options';
import { formatDecision } from './format-decision';

/**
 * `refract explain --demo` (what `npm start` runs): routes the sample prompts of `demoPrompts()`
 * and prints each trace, or one JSON decision per line (with a `demo` label) under `--json`.
 */
export async function explainDemo(run: ExplainRun): Promise<number> {
  const demos = demoPrompts();
  if (!run.json) {
    await write(run.io.stdout, `Refract routing demo: ${demos.length} sample requests through the router (config: ${run.source}).\n\n`);
  }
  for (const [index, demo] of demos.entries()) {
    const decision = await run.router.route(demo.request, run.tenant === undefined ? {} : { tenant: run.tenant });
    if (run.json) {
      await write(run.io.stdout, `${JSON.stringify({ demo: demo.label, ...decisionJson(decision, { full: run.full }) })}\n`);
      continue;
    }
    const heading = `=== ${index + 1}/${demos.length} ${demo.label} ${'='.repeat(Math.max(3, 80 - demo.label.length))}`;
    const preview = demo.preview.split('\n').map((line) => `> ${clip(line, 160)}`).join('\n');
    await write(run.io.stdout, `${heading}\n${preview}\n\n${formatDecision(decision)}\n`);
  }
  if (!run.json) {
    await write(run.io.stdout, 'Try your own: npx refract explain "your prompt" [--system "..."] [--config refract.config.json] [--json]\n');
  }
  return 0;
}
