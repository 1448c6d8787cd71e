export * from './chat-request';
export * from './chat-response';
export * from './chat-chunk';
export * from './embeddings';
export { parseChatRequest, parseEmbeddingsRequest } from './parse';
