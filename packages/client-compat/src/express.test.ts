import { expressMount } from './harness/mounts';
import { faultSuite } from './suites/fault-suite';
import { langChainSuite } from './suites/langchain-suite';
import { openAISdkSuite } from './suites/openai-sdk-suite';
import { vercelAiSuite } from './suites/vercel-ai-suite';

// Every client and fault test, against `app.use('/ai', refractExpress(router))` over real sockets.
openAISdkSuite(expressMount);
vercelAiSuite(expressMount);
langChainSuite(expressMount);
faultSuite(expressMount);
