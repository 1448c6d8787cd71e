export { truncateMessages, TRUNCATION_NOTE_PREFIX, type TruncationResult } from './truncate-messages';
export { clampMaxTokens, type ClampResult } from './clamp-max-tokens';
