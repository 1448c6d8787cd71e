export { explainCommand } from './explain-command';
export { decisionJson, type DecisionJsonOptions } from './decision-json';
export { formatDecision, type FormatDecisionOptions } from './format-decision';
export { demoPrompts, type DemoPrompt } from './demo-prompts';
export { parseInputLine, promptRequest, InputLineError, type ExplainInput, type PromptInput } from './request-input';
export { errorJson, describeError, type ErrorJson } from './error-json';
