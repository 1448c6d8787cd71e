/**
 * Categories a label plainly belongs to, for a "routed into the expected family" share. These
 * are this evaluation's judgement, kept broad on purpose (a coding prompt routed to
 * error_debugging or sql_generation is fine); labels with no clear family (arena-hard clusters,
 * vicuna generic, knowledge, common-sense, counterfactual) get no share.
 */
const CODING = [
  'coding_autocomplete',
  'coding_simple',
  'coding_medium',
  'coding_complex',
  'code_explanation',
  'code_security_review',
  'error_debugging',
  'sql_generation',
  'data_transformation',
  'devops_infrastructure',
  'qa_testing',
  'api_integration',
  'swe_agentic',
  'system_design',
  'function_calling',
];
const MATH = ['math_simple', 'math_complex', 'reasoning_formal', 'reasoning_deep', 'stem_science'];
const WRITING = ['creative_writing_short', 'creative_writing_long', 'email_professional', 'brainstorming'];

export const LABEL_FAMILIES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'arena-hard-v2.0': {
    'subcategory=coding': CODING,
    'subcategory=math': MATH,
    'subcategory=creative_writing': WRITING,
    'category=creative_writing': WRITING,
  },
  vicuna: {
    'category=coding': CODING,
    'category=math': MATH,
    'category=fermi': [...MATH, 'analysis_complex'],
    'category=writing': WRITING,
    'category=roleplay': ['conversation_roleplay', 'creative_writing_short', 'creative_writing_long'],
  },
};

/** The expected categories of `field=value` in `source`, if the label has a clear family. */
export function familyOf(source: string, field: string, value: string): readonly string[] | undefined {
  return LABEL_FAMILIES[source]?.[`${field}=${value}`];
}
