import seedRuleSets from '../catalog/data/rule-sets.json' with { type: 'json' };
import type { KeywordRule, RuleSetInput } from './rule-set-schema';

type KeywordRuleInput = Omit<Partial<KeywordRule>, 'effect'> & Pick<KeywordRule, 'name' | 'keywords' | 'effect'>;

const intent = (name: string, category: string, keywords: string[], extra: Partial<KeywordRuleInput> = {}): KeywordRuleInput => ({
  name,
  keywords,
  match: 'any',
  minMatches: 1,
  searchIn: 'user',
  effect: { category },
  ...extra,
});

/**
 * Intent rules: what a request asks for, read from its wording. They give a category (and with it
 * a tier) to the many requests no domain rule names. Order matters: the first matching rule sets
 * the category, so specific intents come before general ones. Tuned with `npm run eval:routing`
 * (see docs/routing.md, "Tuning").
 */
export const INTENT_RULES: KeywordRuleInput[] = [
  intent('Translation', 'translation', ['translate', 'translation', 'translate to', 'translate into', 'übersetz*', 'traduce', 'traduire', 'into english', 'into german', 'into french', 'into spanish', 'auf deutsch', 'auf englisch'], { when: { hasCode: false } }),
  intent('Summarize long text', 'summarization_long', ['summar*', 'tl;dr', 'tldr', 'key points', 'zusammenfass*', 'recap'], { when: { minTokens: 2000 } }),
  intent('Summarize', 'summarization_short', ['summar*', 'tl;dr', 'tldr', 'key points', 'zusammenfass*', 'recap']),
  intent('Proofreading', 'proofreading', ['proofread*', 'fix grammar', 'grammar', 'typos', 'spelling', 'rephrase', 'reword*', 'paraphrase', 'improve the wording', 'correct the text']),
  intent('Format conversion', 'format_convert', ['convert to json', 'to yaml', 'json to', 'yaml to', 'csv to', 'to csv', 'to markdown', 'markdown to', 'xml to', 'to xml', 'to html']),
  intent('Extraction and classification', 'classification_extraction', ['extract', 'classify', 'categorize', 'categorise', 'sentiment', 'named entit*', 'label each', 'tag each']),
  intent('Email', 'email_professional', ['email', 'e-mail', 'cover letter', 'reply to this message', 'linkedin message']),
  intent('Short creative writing', 'creative_writing_short', ['poem', 'haiku', 'limerick', 'tweet', 'slogan', 'tagline', 'jingle', 'riddle', 'toast', 'caption']),
  intent('Long creative writing', 'creative_writing_long', ['short story', 'story', 'stories', 'novel', 'screenplay', 'script for a', 'chapter', 'fan fiction', 'fanfic', 'lyrics', 'song', 'fairy tale', 'fiction*', 'narrative', 'blog post', 'essay', 'speech', 'monologue', 'dialogue'], { when: { hasCode: false } }),
  intent('Roleplay', 'conversation_roleplay', ['roleplay', 'role-play', 'role play', 'pretend you are', 'pretend to be', 'act as', 'stay in character', 'you are a character']),
  intent('Smalltalk', 'smalltalk_simple', ['hi', 'hello', 'hey', 'thanks', 'thank you', 'good morning', 'good night', 'how are you', 'hallo', 'danke', 'guten morgen', 'wie geht'], { when: { maxTokens: 30 } }),
  intent('Brainstorming', 'brainstorming', ['brainstorm*', 'ideas for', 'name ideas', 'suggest names', 'come up with', 'list of ideas']),
  intent('Testing', 'qa_testing', ['unit test*', 'test case*', 'playwright', 'jest', 'pytest', 'vitest', 'cypress', 'test plan', 'integration test*', 'test coverage']),
  intent('Debugging', 'error_debugging', ['stack trace', 'stacktrace', 'traceback', 'exception', 'segfault', 'segmentation fault', 'nullpointerexception', 'typeerror', 'syntaxerror', 'valueerror', 'keyerror', 'undefined is not', 'compiler error', 'error message', 'debug*', 'bug', 'fix this', 'not working', "doesn't work", 'throws']),
  intent('DevOps', 'devops_infrastructure', ['dockerfile', 'docker compose', 'docker-compose', 'kubernetes', 'k8s', 'helm', 'terraform', 'ansible', 'ci/cd', 'github actions', 'gitlab ci', 'nginx', 'systemd', 'deployment pipeline', 'cloudformation', 'bicep']),
  intent('SQL', 'sql_generation', ['sql', 'query', 'queries', 'join*', 'postgres*', 'mysql', 'sqlite', 'select statement', 'database schema'], { minMatches: 2 }),
  intent('System design', 'system_design', ['system design', 'architecture for', 'design a system', 'scalab*', 'microservice*', 'high availability', 'distributed system*', 'load balanc*', 'event-driven', 'sharding']),
  intent('API integration', 'api_integration', ['rest api', 'openapi', 'graphql', 'webhook*', 'grpc', 'api endpoint*', 'swagger', 'oauth flow']),
  intent('Code explanation', 'code_explanation', ['explain this code', 'what does this code', 'what does this function', 'walk me through', 'how does this code', 'explain the code', 'explain what this'], { when: { hasCode: true } }),
  intent('Formal reasoning', 'reasoning_formal', ['formal verification', 'formally verify', 'prove correctness', 'proof of correctness', 'coq', 'lean 4', 'isabelle', 'tla+']),
  intent('Hard math', 'math_complex', ['prove that', 'proof', 'theorem', 'lemma', 'eigen*', 'differential equation*', 'integral*', 'derivative of', 'probability', 'combinatori*', 'number theory', 'topology', 'linear algebra', 'optimization problem', 'expected value', 'polynomial*', 'modular arithmetic', 'recurrence'], { minMatches: 2 }),
  intent('Math', 'math_simple', ['calculate', 'compute', 'solve for', 'equation*', 'integral*', 'derivative of', 'probability', 'percentage', 'arithmetic', 'factorial', 'prime number*', 'geometry', 'triangle', 'algebra*', 'calculus', 'fraction*', 'how many ways', 'sum of', 'theorem', 'proof', 'prove that', 'math*'], { when: { hasCode: false } }),
  intent('Logic puzzles', 'reasoning_deep', ['puzzle', 'logic puzzle', 'brain teaser', 'paradox', 'riddle me', 'trolley problem', 'dilemma', 'step by step reasoning']),
  intent('Data analysis', 'data_analysis', ['dataset', 'data set', 'pandas', 'dataframe', 'a/b test', 'regression', 'correlation', 'statistic*', 'anomal*', 'time series', 'histogram', 'standard deviation']),
  intent('Research', 'research_scientific', ['literature review', 'research paper*', 'hypothes*', 'peer review*', 'meta-analysis', 'methodology', 'systematic review', 'experiment design']),
  intent('Science', 'stem_science', ['quantum', 'physics', 'chemistry', 'biology', 'thermodynamic*', 'molecule*', 'relativity', 'astronom*', 'evolution', 'photosynthesis', 'electron*', 'gravity', 'entropy']),
  intent('Planning', 'planning_scheduling', ['project plan', 'schedule', 'itinerary', 'roadmap', 'timeline', 'sprint', 'plan for', 'study plan', 'workout plan', 'meal plan']),
  intent('Prompt engineering', 'prompt_engineering', ['system prompt', 'prompt engineering', 'few-shot', 'improve this prompt', 'write a prompt', 'prompt template']),
  intent('Strategy and complex analysis', 'analysis_complex', ['strategy', 'strategic', 'go-to-market', 'market analysis', 'swot', 'business plan', 'competitive analysis', 'policy analysis', 'geopolitic*', 'economic impact']),
  intent('Fact check', 'fact_check_verification', ['is it true', 'fact check', 'fact-check', 'verify this', 'is this correct', 'is this accurate', 'true or false']),
  intent('Comparison', 'analysis_simple', ['pros and cons', 'compare', 'comparison', 'difference between', 'differences between', 'advantages and disadvantages', 'versus']),
  intent('Instruction following', 'instruction_following', ['follow these', 'exactly this format', 'following format', 'use this template', 'fill in the template', 'in the format']),
  intent('General question', 'analysis_simple', ['how can i', 'how do i', 'how to', 'what is', 'what are', 'why', 'explain', 'describe', 'tell me', 'what would', 'what if', 'can you', 'give me', 'list'], { confidence: 0.45, when: { hasCode: false, hasImages: false } }),
];

interface SeedRuleSet {
  name: string;
  keywordRules?: unknown[];
  [key: string]: unknown;
}

const seeds = seedRuleSets as SeedRuleSet[];
const seed = (name: string): SeedRuleSet => {
  const found = seeds.find((ruleSet) => ruleSet.name === name);
  if (!found) throw new Error(`built-in rule set '${name}' missing from the catalog data`);
  return found;
};

/**
 * Refract's default rule set: the seed's global default (security, legal, medical and finance
 * escalation rules, the chat-title cap and the system-prompt roles), followed by the intent rules.
 */
export const DEFAULT_RULE_SET: RuleSetInput = {
  ...(seed('Default Rule Set') as RuleSetInput),
  name: 'default',
  description: 'Refract default: escalation rules, chat-title cap, system-prompt roles and intent rules.',
  keywordRules: [...((seed('Default Rule Set').keywordRules ?? []) as KeywordRuleInput[]), ...INTENT_RULES] as RuleSetInput['keywordRules'],
};

/** The seed's cost-first set, plus the intent rules. */
export const ECONOMY_RULE_SET: RuleSetInput = {
  ...(seed('Economy First') as RuleSetInput),
  name: 'economy-first',
  keywordRules: [...((seed('Economy First').keywordRules ?? []) as KeywordRuleInput[]), ...INTENT_RULES] as RuleSetInput['keywordRules'],
};

/** The seed's balanced set with turn upgrades, plus the intent rules. */
export const BALANCED_RULE_SET: RuleSetInput = {
  ...(seed('Balanced') as RuleSetInput),
  name: 'balanced',
  keywordRules: [...((seed('Balanced').keywordRules ?? []) as KeywordRuleInput[]), ...INTENT_RULES] as RuleSetInput['keywordRules'],
};

/** Rule sets available by name without configuration. */
export const BUILT_IN_RULE_SETS: readonly RuleSetInput[] = [DEFAULT_RULE_SET, ECONOMY_RULE_SET, BALANCED_RULE_SET];
