/** What the adapter needs to know about a Gemini model id to shape a request. */
export interface GeminiModelFamily {
  /** `2.5`, `3`, `3.1`, … from `gemini-<version>-…`; undefined for aliases such as `gemini-flash-latest`. */
  version: number | undefined;
  /** A Pro model (thinking cannot be turned off; Gemini 3 Pro knows only the `low` and `high` levels). */
  isPro: boolean;
  /** A Gemma model served by the Gemini API (no thinking configuration). */
  isGemma: boolean;
}

/**
 * Reads the family of a model id such as `gemini-2.5-flash`, `models/gemini-3-pro-preview` or
 * `tunedModels/my-model`.
 */
export function geminiModelFamily(model: string): GeminiModelFamily {
  const id = model.replace(/^(?:models|tunedModels)\//, '').toLowerCase();
  const match = /gemini-(\d+(?:\.\d+)?)/.exec(id);
  const version = match?.[1] === undefined ? undefined : Number(match[1]);
  return {
    version: version !== undefined && Number.isFinite(version) ? version : undefined,
    isPro: /(?:^|-)pro(?:-|$)/.test(id),
    isGemma: id.startsWith('gemma'),
  };
}

/** Gemini 3 and later use thinking levels and validate thought signatures on function calls. */
export function isGemini3OrLater(model: string): boolean {
  const { version } = geminiModelFamily(model);
  return version !== undefined && version >= 3;
}
