/**
 * The subset of the Bedrock Runtime Converse wire format (JSON) the adapter reads and writes.
 * Blobs (`bytes`) travel as base64 strings in JSON.
 */

export type BedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
export type BedrockDocumentFormat = 'pdf' | 'csv' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'html' | 'txt' | 'md';

export interface BedrockImageBlock {
  format: BedrockImageFormat;
  source: { bytes: string };
}

export interface BedrockDocumentBlock {
  format: BedrockDocumentFormat;
  name: string;
  source: { bytes: string };
}

export interface BedrockToolResultContent {
  text?: string;
  json?: unknown;
  image?: BedrockImageBlock;
  document?: BedrockDocumentBlock;
}

export interface BedrockContentBlock {
  text?: string;
  image?: BedrockImageBlock;
  document?: BedrockDocumentBlock;
  toolUse?: { toolUseId: string; name: string; input: unknown };
  toolResult?: { toolUseId: string; content: BedrockToolResultContent[]; status?: 'success' | 'error' };
  reasoningContent?: { reasoningText?: { text: string; signature?: string }; redactedContent?: string };
  cachePoint?: { type: 'default' };
}

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export interface BedrockToolSpec {
  toolSpec: { name: string; description?: string; inputSchema: { json: unknown }; strict?: boolean };
}

export type BedrockToolChoice = { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };

export interface BedrockConverseRequest {
  messages: BedrockMessage[];
  system?: ({ text: string } | { cachePoint: { type: 'default' } })[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: { tools: (BedrockToolSpec | { cachePoint: { type: 'default' } })[]; toolChoice?: BedrockToolChoice };
  additionalModelRequestFields?: Record<string, unknown>;
  outputConfig?: {
    textFormat: { type: 'json_schema'; structure: { jsonSchema: { schema: string; name?: string; description?: string } } };
  };
  requestMetadata?: Record<string, string>;
  [passthrough: string]: unknown;
}

export interface BedrockUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export interface BedrockConverseResponse {
  output?: { message?: { role?: string; content?: BedrockContentBlock[] } };
  stopReason?: string;
  usage?: BedrockUsage;
  metrics?: { latencyMs?: number };
  additionalModelResponseFields?: unknown;
}
