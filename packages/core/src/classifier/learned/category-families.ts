/**
 * Coarse families of the built-in categories, for a second, more forgiving accuracy: a coding
 * request classified `coding_complex` instead of `coding_medium` is a near miss (same family,
 * benchmarks weighted alike), not the same error as calling it smalltalk. Unknown keys are their
 * own family.
 */
export const CATEGORY_FAMILIES: Readonly<Record<string, string>> = {
  coding_autocomplete: 'coding',
  coding_simple: 'coding',
  coding_medium: 'coding',
  coding_complex: 'coding',
  code_explanation: 'coding',
  code_security_review: 'coding',
  error_debugging: 'coding',
  sql_generation: 'coding',
  swe_agentic: 'coding',
  qa_testing: 'coding',
  devops_infrastructure: 'coding',
  api_integration: 'coding',
  system_design: 'coding',
  function_calling: 'coding',
  tool_use_agentic: 'coding',
  math_simple: 'math',
  math_complex: 'math',
  reasoning_formal: 'math',
  creative_writing_short: 'writing',
  creative_writing_long: 'writing',
  email_professional: 'writing',
  proofreading: 'writing',
  brainstorming: 'writing',
  conversation_roleplay: 'writing',
  translation: 'language',
  multilingual_complex: 'language',
  summarization_short: 'text',
  summarization_long: 'text',
  classification_extraction: 'text',
  format_convert: 'text',
  data_transformation: 'text',
  instruction_following: 'text',
  document_qa: 'text',
  long_context_processing: 'text',
  analysis_simple: 'analysis',
  analysis_complex: 'analysis',
  reasoning_deep: 'analysis',
  fact_check_verification: 'analysis',
  planning_scheduling: 'analysis',
  prompt_engineering: 'analysis',
  data_analysis: 'science',
  stem_science: 'science',
  research_scientific: 'science',
  legal_analysis: 'regulated',
  financial_analysis: 'regulated',
  medical_analysis: 'regulated',
  sensitive_critical: 'regulated',
  smalltalk_simple: 'chat',
  chat_title_generation: 'chat',
  vision_simple: 'vision',
  vision_complex: 'vision',
  vision_critical: 'vision',
};

/**
 * The family of a category key (the key itself when it has none).
 *
 * @example
 * categoryFamily('sql_generation'); // 'coding'
 */
export function categoryFamily(key: string): string {
  return CATEGORY_FAMILIES[key] ?? key;
}
