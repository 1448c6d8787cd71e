import type { BaseAdapterOptions } from '../shared';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Options of `createOpenAIAdapter`. */
export interface OpenAIAdapterOptions extends BaseAdapterOptions {
  /**
   * API base URL including its version path, e.g. `https://api.groq.com/openai/v1`,
   * `http://127.0.0.1:8000/v1` (vLLM) or `http://127.0.0.1:11434/v1` (Ollama). Default
   * `https://api.openai.com/v1`.
   */
  baseURL?: string;
  /**
   * Sent as `Authorization: Bearer <apiKey>`. Required for api.openai.com (read from
   * `OPENAI_API_KEY` when `baseURL` is not given); local servers usually need none. The
   * environment is never read for a custom `baseURL`, so an OpenAI key cannot leak to a third party.
   */
  apiKey?: string;
  /** `OpenAI-Organization` header (`OPENAI_ORG_ID` when `baseURL` is not given). */
  organization?: string;
  /** `OpenAI-Project` header (`OPENAI_PROJECT_ID` when `baseURL` is not given). */
  project?: string;
  /** Query parameters added to every URL (some gateways want e.g. `api-version`). */
  queryParams?: Record<string, string>;
}
