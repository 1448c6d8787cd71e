import type { Deployment } from '../deployments/deployment';
import { RefractError } from '../errors/refract-error';
import { clampMaxTokens } from '../plan/clamp-max-tokens';
import { truncateMessages } from '../plan/truncate-messages';
import { ineligibility, type EligibilityRules } from '../selection/eligibility';
import type { ChatRequest } from '../spec/chat-request';
import type { Tokenizer } from '../tokenizer/tokenizer';
import { tierIndex } from '../tiers/tiers';
import type { RoutingSettings } from './config-schema';
import type { RouteWarning } from './decision';
import type { TraceRecorder } from './trace';

export interface PlanInput {
  request: ChatRequest;
  primary: Deployment;
  /** May the plan move the request to another model with a larger window? False for an explicit model. */
  mayChangeModel: boolean;
  deployments: readonly Deployment[];
  eligibility: EligibilityRules;
  inputTokens: number;
  settings: RoutingSettings;
  tokenizer: Tokenizer;
  trace: TraceRecorder;
}

export interface Plan {
  primary: Deployment;
  request: ChatRequest;
  contextWindow: number | undefined;
  warnings: RouteWarning[];
}

/**
 * The plan for the primary: context pre-flight (a request at or above `nearLimitFill` of the
 * window, or that does not fit, moves to the smallest sufficient larger window, same tier first,
 * then cheaper, then dearer; else it is truncated without splitting tool calls from their
 * results), then `max_tokens` clamped to the model's output limit and the window's headroom.
 *
 * @throws RefractError `REFRACT_ERR_CONTEXT_TOO_LARGE` when not even the last turn fits.
 */
export function planRequest(input: PlanInput): Plan {
  const { trace, settings } = input;
  const warnings: RouteWarning[] = [];
  let primary = input.primary;
  let request: ChatRequest = { ...input.request, model: primary.model };
  let inputTokens = input.inputTokens;
  const requestedMax = input.request.max_completion_tokens ?? input.request.max_tokens ?? undefined;
  const reserveFor = (deployment: Deployment): number =>
    requestedMax ?? Math.min(settings.outputReserveTokens, deployment.maxOutputTokens ?? settings.outputReserveTokens);

  let window = input.eligibility.contextWindow(primary);
  if (window === undefined) {
    trace.add('context-preflight', 'no check', `the context window of ${primary.key} is unknown`);
  } else {
    const fill = inputTokens / window;
    const fits = inputTokens + reserveFor(primary) <= window;
    if (fits && fill < settings.nearLimitFill) {
      trace.add('context-preflight', 'fits', `${inputTokens} input tokens fill ${pct(fill)} of ${window}`);
    } else {
      const larger = input.mayChangeModel ? findLargerWindow(input, primary, window, reserveFor) : undefined;
      if (larger) {
        const largerWindow = input.eligibility.contextWindow(larger) as number;
        trace.add(
          'context-preflight',
          `${primary.key} → ${larger.key}`,
          `${inputTokens} input tokens ${fits ? `fill ${pct(fill)} (≥ ${pct(settings.nearLimitFill)})` : 'do not fit'} of ${window}; ${larger.key} has ${largerWindow}`,
        );
        warnings.push({ code: 'context_upgrade', message: `Moved from ${primary.key} to ${larger.key} for its larger context window.` });
        primary = larger;
        window = largerWindow;
        request = { ...request, model: primary.model };
      } else if (!fits) {
        const budget = Math.floor(window * settings.truncationTargetFill) - reserveFor(primary);
        const truncated = truncateMessages(request.messages, budget, input.tokenizer);
        if (!truncated) {
          throw new RefractError(
            'REFRACT_ERR_CONTEXT_TOO_LARGE',
            `The request (${inputTokens} tokens) does not fit the ${window}-token context window of ${primary.key}, even keeping only the latest turn, and no eligible model has a larger window.`,
            { param: 'messages', details: { inputTokens, contextWindow: window } },
          );
        }
        trace.add('context-preflight', `truncated ${truncated.dropped} message(s)`, `${inputTokens} input tokens do not fit ${window}; no eligible larger window; kept ${truncated.tokens} tokens`);
        warnings.push({ code: 'context_truncated', message: `Removed ${truncated.dropped} earlier message(s) to fit the ${window}-token context window.` });
        request = { ...request, messages: truncated.messages };
        inputTokens = truncated.tokens;
      } else {
        trace.add('context-preflight', 'near the limit', `${inputTokens} input tokens fill ${pct(fill)} of ${window}; no eligible larger window`);
        warnings.push({ code: 'context_near_limit', message: `The request fills ${pct(fill)} of the context window of ${primary.key}.` });
      }
    }
  }

  const clamp = clampMaxTokens(request, { maxOutputTokens: primary.maxOutputTokens, contextWindow: window, inputTokens });
  if (clamp.clamped) {
    trace.add('max-tokens', `${clamp.clamped.field} ${clamp.clamped.from} → ${clamp.clamped.to}`, clamp.clamped.reason);
    warnings.push({ code: 'max_tokens_clamped', message: `${clamp.clamped.field} lowered from ${clamp.clamped.from} to ${clamp.clamped.to}: ${clamp.clamped.reason}.` });
  }
  return { primary, request: clamp.request, contextWindow: window, warnings };
}

function findLargerWindow(input: PlanInput, current: Deployment, currentWindow: number, reserveFor: (deployment: Deployment) => number): Deployment | undefined {
  const origin = tierIndex(current.tier);
  const distance = (deployment: Deployment): number => {
    const delta = tierIndex(deployment.tier) - origin;
    return delta === 0 ? 0 : delta < 0 ? -2 * delta - 1 : 2 * delta;
  };
  const options = input.deployments.filter((deployment) => {
    if (!deployment.routable || deployment.key === current.key) return false;
    if (ineligibility(deployment, input.eligibility) !== undefined) return false;
    const window = input.eligibility.contextWindow(deployment);
    return (
      window !== undefined &&
      window > currentWindow &&
      input.inputTokens + reserveFor(deployment) <= window &&
      input.inputTokens / window < input.settings.nearLimitFill
    );
  });
  options.sort(
    (a, b) =>
      distance(a) - distance(b) ||
      (input.eligibility.contextWindow(a) as number) - (input.eligibility.contextWindow(b) as number) ||
      b.priority - a.priority,
  );
  return options[0];
}

function pct(value: number): string {
  return `${Math.round(value * 100)}%`;
}
