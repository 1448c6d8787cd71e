/**
 * Test helpers for stream/non-stream parity: the same exchange as a JSON response and as a
 * stream. Streams are derived from JSON fixtures the way Gemini streams (text in pieces, whole
 * function calls, the text signature on a closing empty part, finish reason and usage last), and
 * JSON responses are merged from stream fixtures.
 */
import type { GeminiPart, GeminiResponse } from './gemini-api-types';
import { argumentsFromPartials } from './test-fixtures';

/** Splits a JSON response into SSE event payloads, `pieceLength` characters of text per event. */
export function streamFromResponse(response: GeminiResponse, pieceLength = 7): string[] {
  const candidate = response.candidates?.[0];
  const common = { modelVersion: response.modelVersion, responseId: response.responseId };
  const event = (parts: GeminiPart[], extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }], ...common });
  const events: string[] = [];
  let textSignature: string | undefined;
  for (const part of candidate?.content?.parts ?? []) {
    if (part.functionCall) {
      events.push(event([part]));
      continue;
    }
    const text = part.text ?? '';
    for (let offset = 0; offset < text.length; offset += pieceLength) {
      events.push(event([{ text: text.slice(offset, offset + pieceLength), ...(part.thought ? { thought: true } : {}) }]));
    }
    textSignature = part.thoughtSignature ?? textSignature;
  }
  const closing: GeminiPart = { text: '', ...(textSignature ? { thoughtSignature: textSignature } : {}) };
  events.push(
    JSON.stringify({
      candidates: [{ content: { role: 'model', parts: [closing] }, index: 0, finishReason: candidate?.finishReason }],
      usageMetadata: response.usageMetadata,
      ...common,
    }),
  );
  return events;
}

/** Merges stream event payloads into the JSON response `generateContent` would have sent. */
export function responseFromStream(lines: string[]): GeminiResponse {
  const events = lines.map((line) => JSON.parse(line) as GeminiResponse);
  const parts: GeminiPart[] = [];
  let finishReason: string | undefined;
  let usage: GeminiResponse['usageMetadata'];
  let textSignature: string | undefined;
  let streamed: { part: GeminiPart; partials: NonNullable<NonNullable<GeminiPart['functionCall']>['partialArgs']> } | undefined;
  for (const event of events) {
    const candidate = event.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      const call = part.functionCall;
      if (call?.name) {
        const merged: GeminiPart = { functionCall: { name: call.name, args: call.args ?? {} }, ...(part.thoughtSignature ? { thoughtSignature: part.thoughtSignature } : {}) };
        parts.push(merged);
        streamed = call.willContinue ? { part: merged, partials: [...(call.partialArgs ?? [])] } : undefined;
      } else if (call) {
        streamed?.partials.push(...(call.partialArgs ?? []));
      } else if (part.text !== undefined) {
        const last = parts.at(-1);
        if (last && last.text !== undefined && Boolean(last.thought) === Boolean(part.thought)) last.text += part.text;
        else if (part.text !== '') parts.push({ text: part.text, ...(part.thought ? { thought: true } : {}) });
        if (part.thoughtSignature) textSignature = part.thoughtSignature;
      }
      if (streamed?.part.functionCall) streamed.part.functionCall.args = argumentsFromPartials(streamed.partials) as Record<string, unknown>;
    }
    finishReason = candidate?.finishReason ?? finishReason;
    if (event.usageMetadata?.promptTokenCount !== undefined) usage = event.usageMetadata;
  }
  const lastText = [...parts].reverse().find((part) => part.text !== undefined && !part.thought);
  if (lastText && textSignature) lastText.thoughtSignature = textSignature;
  return {
    candidates: [{ content: { role: 'model', parts }, ...(finishReason ? { finishReason } : {}), index: 0 }],
    ...(usage ? { usageMetadata: usage } : {}),
    ...(events[0]?.modelVersion ? { modelVersion: events[0].modelVersion } : {}),
    ...(events[0]?.responseId ? { responseId: events[0].responseId } : {}),
  };
}
