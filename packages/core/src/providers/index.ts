export type {
  ProviderAdapter,
  ProviderCallOptions,
  ProviderChatResult,
  ProviderEmbeddingsResult,
  ProviderModelInfo,
} from './provider-adapter';
export type { ProviderWarning } from './provider-warning';
export type {
  StreamPart,
  StreamStartPart,
  TextDeltaPart,
  ReasoningDeltaPart,
  ToolCallStartPart,
  ToolCallDeltaPart,
  FinishPart,
  UsagePart,
  WarningPart,
  ErrorPart,
} from './stream-part';
export { type Usage, usageFromOpenAI, usageToOpenAI } from './usage';
export { StreamChunkWriter, type StreamChunkWriterOptions } from './stream-chunk-writer';
export { StreamAccumulator, collectStream } from './stream-accumulator';
export { linkedDeadline, type LinkedDeadline } from './linked-deadline';
