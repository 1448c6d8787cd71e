export { type Tokenizer, heuristicTokenizer } from './tokenizer';
export { countChatTokens, countMessageTokens } from './count-chat-tokens';
