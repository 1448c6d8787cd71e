import type { CategorySet } from '../catalog/category-set';
import { signalTexts } from '../signals/extract-signals';
import type { Signals } from '../signals/signals';
import { maxTier, minTier, shiftTier, type Tier } from '../tiers/tiers';
import type { CompiledRuleSet } from './compile-rule-set';
import { inferCategoryFromSignals } from './infer-from-signals';
import { emptyPreRoute, type PreRoute } from './pre-route';
import type { RuleCondition, RuleEffect, TokenThresholds } from './rule-set-schema';

/**
 * Pre-routing: the hints a rule set derives from signals, in this order:
 * 1. FIM requests go straight to `micro` / `coding_autocomplete` (confidence 0.99);
 * 2. the first matching system-prompt role hints category, domain, floor and cap (confidence at
 *    most 0.5: a role says what the application is, not what this request needs);
 * 3. every matching keyword rule adds its floor and cap; the first one sets category and tier
 *    unless a stronger hint is already there;
 * 4. very long inputs (≥ `alwaysHigh` tokens) get the floor `high` and `long_context_processing`;
 * 5. structural signals (images, agents, code, domains, tools) name a category when nothing did;
 * 6. the token count hints a tier when nothing else did (weak: `tokenCount` × 0.35);
 * 7. the strongest detected domain, and the turn upgrade when enabled.
 * Images add no confidence (the seed let them skip the classifier and land in autocomplete).
 * When floors and caps conflict, the cap wins (a chat title about a medical case is still a title).
 */
export function applyRuleSet(signals: Signals, compiled: CompiledRuleSet, categories: CategorySet): PreRoute {
  const { ruleSet } = compiled;
  const weights = ruleSet.signalWeights;
  const route = emptyPreRoute();

  if (signals.isFim) {
    route.tier = 'micro';
    route.category = categories.has('coding_autocomplete') ? 'coding_autocomplete' : undefined;
    route.domain = 'tech';
    route.confidence = 0.99;
    route.source = 'fim';
    route.matches.push({ kind: 'fim', name: 'fim', effect: `tier=micro (${signals.fimReason ?? 'fim'})`, confidence: 0.99 });
    return route;
  }

  const setHint = (confidence: number, source: string, tier: Tier | undefined, category: string | undefined): boolean => {
    if (confidence <= route.confidence) return false;
    route.confidence = confidence;
    route.source = source;
    if (category !== undefined) route.category = category;
    if (tier !== undefined) route.tier = tier;
    return true;
  };

  const texts = signalTexts(signals);
  for (const { role, pattern } of compiled.roles) {
    if (signals.systemPrompt === '' || !pattern.test(signals.systemPrompt)) continue;
    const confidence = Math.min(weights.systemPromptRole, 0.5);
    applyEffect(route, role.effect);
    setHint(confidence, `system_prompt_role:${role.name}`, effectTier(role.effect, categories), role.effect.category);
    if (role.effect.domain) route.domain ??= role.effect.domain;
    route.matches.push({ kind: 'system_prompt_role', name: role.name, effect: describeEffect(role.effect), confidence });
    break;
  }

  let keywordCategorySet = false;
  let capRule: { name: string; category: string | undefined } | undefined;
  for (const { rule, matcher } of compiled.keywordRules) {
    if (rule.when && !conditionHolds(rule.when, signals)) continue;
    const found =
      rule.searchIn === 'user'
        ? matcher.distinctMatches(texts.user)
        : rule.searchIn === 'system'
          ? matcher.distinctMatches(texts.system)
          : [...new Set([...matcher.distinctMatches(texts.user), ...matcher.distinctMatches(texts.system)])];
    const matched = rule.match === 'all' ? found.length === matcher.keywords.length : found.length >= rule.minMatches;
    if (!matched) continue;
    const confidence = rule.confidence ?? weights.contentKeywords;
    if (rule.effect.tierMax !== undefined && (route.cap === undefined || rule.effect.tierMax !== maxTier(route.cap, rule.effect.tierMax))) {
      capRule = { name: rule.name, category: rule.effect.category };
    }
    applyEffect(route, rule.effect);
    if (!keywordCategorySet && (confidence >= route.confidence || route.category === undefined)) {
      // The first matching keyword rule speaks about this request: it overrides a weaker hint.
      route.confidence = Math.max(route.confidence, confidence);
      route.source = `keyword_rule:${rule.name}`;
      if (rule.effect.category !== undefined) route.category = rule.effect.category;
      const tier = effectTier(rule.effect, categories);
      if (tier !== undefined) route.tier = tier;
      keywordCategorySet = true;
    }
    if (rule.effect.domain) route.domain = route.domain ?? rule.effect.domain;
    route.matches.push({ kind: 'keyword_rule', name: rule.name, effect: `${describeEffect(rule.effect)} [${found.join(', ')}]`, confidence });
  }

  // Very long inputs need a model that reads long contexts well, whatever their words say:
  // `alwaysHigh` is a floor (the seed made it a hint any keyword could override).
  if (signals.tokens >= ruleSet.tokenThresholds.alwaysHigh) {
    const confidence = Math.max(route.confidence, 0.7);
    const category = categories.has('long_context_processing') ? 'long_context_processing' : undefined;
    route.floor = route.floor === undefined ? 'high' : maxTier(route.floor, 'high');
    route.confidence = confidence;
    route.source = 'token_threshold_high';
    if (category !== undefined) route.category = category;
    route.tier = route.tier === undefined ? 'high' : maxTier(route.tier, 'high');
    route.matches.push({ kind: 'token_threshold', name: 'alwaysHigh', effect: `floor=high, category=long_context_processing (${signals.tokens} ≥ ${ruleSet.tokenThresholds.alwaysHigh} tokens)`, confidence });
  }

  if (route.category === undefined) {
    const inferred = inferCategoryFromSignals(signals, weights, categories);
    if (inferred) {
      const tier = categories.get(inferred.category)?.tier;
      const applied = setHint(inferred.confidence, `signal:${inferred.category}`, route.tier === undefined ? tier : undefined, inferred.category);
      if (!applied) route.category = inferred.category;
      route.matches.push({ kind: 'signal', name: inferred.category, effect: inferred.why, confidence: inferred.confidence });
    }
  }

  if (route.tier === undefined) {
    const tier = tierForTokens(signals.tokens, ruleSet.tokenThresholds);
    const confidence = round(weights.tokenCount * 0.35);
    route.tier = tier;
    if (confidence > route.confidence) {
      route.confidence = confidence;
      route.source = 'token_threshold';
    }
    route.matches.push({ kind: 'token_threshold', name: 'tokens', effect: `tier=${tier} (${signals.tokens} tokens)`, confidence });
  }

  route.domain ??= signals.domains[0];

  if (ruleSet.turnUpgrade.enabled && signals.userTurns >= ruleSet.turnUpgrade.threshold && route.tier !== undefined) {
    const before = route.tier;
    route.tier = shiftTier(route.tier, 1);
    route.matches.push({ kind: 'turn_upgrade', name: 'turnUpgrade', effect: `${before} → ${route.tier} (${signals.userTurns} turns)`, confidence: route.confidence });
  }

  if (route.floor !== undefined && route.cap !== undefined && maxTier(route.floor, route.cap) === route.floor && route.floor !== route.cap) {
    // A floor and a cap disagree: the cap describes the task (a title, a yes/no), so it wins,
    // and so does its category.
    route.floor = route.cap;
    route.tier = route.cap;
    if (capRule?.category !== undefined) {
      route.category = capRule.category;
      route.source = `keyword_rule:${capRule.name}`;
    }
  }
  return route;
}

function conditionHolds(when: RuleCondition, signals: Signals): boolean {
  if (when.hasCode !== undefined && when.hasCode !== signals.hasCode) return false;
  if (when.hasImages !== undefined && when.hasImages !== signals.hasImages) return false;
  if (when.hasTools !== undefined && when.hasTools !== signals.hasTools) return false;
  if (when.minTokens !== undefined && signals.tokens < when.minTokens) return false;
  if (when.maxTokens !== undefined && signals.tokens > when.maxTokens) return false;
  return true;
}

/** The tier the token count alone suggests (never above `advanced`). */
export function tierForTokens(tokens: number, thresholds: TokenThresholds): Tier {
  if (tokens <= thresholds.micro) return 'micro';
  if (tokens <= thresholds.minimal) return 'minimal';
  if (tokens <= thresholds.low) return 'low';
  if (tokens <= thresholds.medium) return 'medium';
  return 'advanced';
}

function applyEffect(route: PreRoute, effect: RuleEffect): void {
  if (effect.tierMin !== undefined) route.floor = route.floor === undefined ? effect.tierMin : maxTier(route.floor, effect.tierMin);
  if (effect.tierMax !== undefined) route.cap = route.cap === undefined ? effect.tierMax : minTier(route.cap, effect.tierMax);
}

function effectTier(effect: RuleEffect, categories: CategorySet): Tier | undefined {
  if (effect.tier !== undefined) return effect.tier;
  const categoryTier = effect.category ? categories.get(effect.category)?.tier : undefined;
  if (categoryTier !== undefined) return categoryTier;
  return effect.tierMin ?? effect.tierMax;
}

function describeEffect(effect: RuleEffect): string {
  const parts: string[] = [];
  if (effect.category) parts.push(`category=${effect.category}`);
  if (effect.tier) parts.push(`tier=${effect.tier}`);
  if (effect.tierMin) parts.push(`floor=${effect.tierMin}`);
  if (effect.tierMax) parts.push(`cap=${effect.tierMax}`);
  if (effect.domain) parts.push(`domain=${effect.domain}`);
  return parts.join(', ');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
