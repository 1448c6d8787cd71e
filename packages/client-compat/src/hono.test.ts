import { honoMount } from './harness/mounts';
import { faultSuite } from './suites/fault-suite';
import { langChainSuite } from './suites/langchain-suite';
import { openAISdkSuite } from './suites/openai-sdk-suite';
import { vercelAiSuite } from './suites/vercel-ai-suite';

// Every client and fault test, against `app.route('/ai', refract(router))` over real sockets.
openAISdkSuite(honoMount);
vercelAiSuite(honoMount);
langChainSuite(honoMount);
faultSuite(honoMount);
