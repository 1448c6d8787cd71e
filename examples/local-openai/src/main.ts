import { startLocalOpenAI } from './local-openai';

// `npm start -w @refract/example-local-openai`: run it alone, e.g. to point another tool at it.
const local = await startLocalOpenAI({ port: Number(process.env['PORT'] ?? 11435) });
console.log(`local OpenAI-compatible stand-in on ${local.baseURL} (echoes the last user message; Ctrl-C to stop)`);
process.once('SIGINT', () => void local.close());
process.once('SIGTERM', () => void local.close());
