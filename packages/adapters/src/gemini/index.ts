// The gemini adapter is being written; see docs/providers.md when it lands.
export {};
