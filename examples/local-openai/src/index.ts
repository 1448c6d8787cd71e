export { startLocalOpenAI, type LocalOpenAI } from './local-openai';
