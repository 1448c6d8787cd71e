export { trainClassifier, type TrainOptions, type TrainReport } from './train';
export { loadLearnedClassifier, type LearnedClassifier, type LearnedClassifierOptions } from './learned-classifier';
export { LearnedPredictor, type LearnedPrediction } from './learned-predictor';
export { evaluateClassifier, type EvaluateOptions, type EvaluationReport, type AccuracyCounts, type ConfusionTable } from './evaluate';
export { formatEvaluation } from './format-evaluation';
export {
  parseLabeledLine,
  parseLabeledJsonl,
  categoryExamples,
  readLabel,
  tierForDifficulty,
  difficultyForTier,
  type LabeledExample,
} from './labeled-example';
export { learnedModelSchema, LEARNED_MODEL_FORMAT, type LearnedModel, type LearnedModelInput } from './model-format';
export { DEFAULT_FEATURE_CONFIG, featureConfigSchema, type FeatureConfig } from './features';
export { CATEGORY_FAMILIES, categoryFamily } from './category-families';
export {
  parseEvalDevFile,
  evalDevSplit,
  labelForArenaCluster,
  EVAL_DEV_FILES,
  VICUNA_LABELS,
  ARENA_V2_LABELS,
  ARENA_V01_CLUSTER_RULES,
  type EvalDevSource,
  type MappedLabel,
} from './eval-dev-labels';
export { loadDefaultClassifier } from './default-classifier';
export { ruleKeywordExamples } from './rule-examples';
export { defaultTrainingExamples, DEFAULT_MODEL_SEED } from './default-training-set';
