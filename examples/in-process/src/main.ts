import { startLocalOpenAI } from '@refract/example-local-openai';
import { run } from './run';

// With OPENAI_API_KEY set, this talks to OpenAI. Without it, to a local stand-in, so it runs offline.
if (process.env['OPENAI_API_KEY']) {
  await run();
} else {
  const local = await startLocalOpenAI();
  console.log(`(no OPENAI_API_KEY: using the local stand-in provider at ${local.baseURL})\n`);
  try {
    await run({ baseURL: local.baseURL, apiKey: 'local' });
  } finally {
    await local.close();
  }
}
