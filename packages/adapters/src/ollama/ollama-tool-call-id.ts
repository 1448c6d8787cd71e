/**
 * Ollama's tool calls carry no id (recent versions may send one, which is then kept). The adapter
 * gives each call an id derived from the response id and the call's position, so the id is the
 * same in every part of a stream and unique across responses. Tool results are mapped back to
 * the tool's name through the assistant message that carries these ids in the history.
 */
export function ollamaToolCallId(responseId: string, index: number): string {
  return `call_${responseId.replace(/^chatcmpl-/, '')}_${index}`;
}
