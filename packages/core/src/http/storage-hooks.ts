import { createAdmission, type Admission } from '../admission/create-admission';
import { createAdminHandler } from '../admin/create-admin-handler';
import { authenticate } from '../auth/authenticate';
import { createKeyUsageTracker } from '../auth/key-usage-tracker';
import { createIdempotency } from '../idempotency/create-idempotency';
import { createRecordWriter, type RecordWriter, type RecordWriterOptions } from '../records/record-writer';
import type { RequestLog } from '../records/request-log';
import type { Router } from '../router/create-router';
import type { RefractStorage } from '../storage/refract-storage';
import type { CompletionEvent, HandlerOptions, Identity } from './handler-options';

export interface StorageHooksOptions {
  /**
   * `required`: every request needs a valid key. `open`: no key is asked for (the path tenant or
   * the default tenant). `auto` (default): open while no API key exists, required from the first key on.
   */
  auth?: 'required' | 'open' | 'auto';
  /** Admin API token; default `process.env.REFRACT_ADMIN_TOKEN`. */
  adminToken?: string;
  /** Passed to the record writer (spill file, logger, queue size). */
  records?: Omit<RecordWriterOptions, 'store'>;
  /** When limits or ledger cannot be reached: refuse (default) or admit without limits. */
  onStorageFailure?: 'closed' | 'open';
}

export interface StorageHooks {
  /** Spread into `createHandler(router, { ...hooks.handlerOptions })`. */
  handlerOptions: Pick<HandlerOptions, 'authenticate' | 'guard' | 'admit' | 'onComplete' | 'admin' | 'health' | 'idempotency'>;
  records: RecordWriter;
  admission: Admission;
  /** Flushes records and stops listening for config changes (call on shutdown; the storage stays open). */
  close(): Promise<void>;
}

/**
 * Connects storage to the HTTP handler: authentication by API key, budget guard and admission
 * (rate limits, budget reservation settled to the actual cost), idempotent replay, request records
 * through a bounded background writer, the admin API, storage health, and cache invalidation of
 * the router whenever tenants, keys, rule sets or categories change on any instance.
 *
 * @example
 * const storage = await createMongoStorage({ uri });
 * const router = createRouter({ ...config, store: storage });
 * const hooks = storageHooks(router, storage);
 * const handle = createHandler(router, hooks.handlerOptions);
 */
export function storageHooks(router: Router, storage: RefractStorage, options: StorageHooksOptions = {}): StorageHooks {
  const admission = createAdmission({ rateLimiter: storage.rateLimiter, ledger: storage.ledger, clock: router.clock, ...(options.onStorageFailure ? { onStorageFailure: options.onStorageFailure } : {}) });
  const records = createRecordWriter({ store: storage, ...options.records });
  const usage = createKeyUsageTracker({ storage, clock: router.clock });
  const idempotency = createIdempotency({ store: storage, clock: router.clock, shouldStore: (response) => response.status >= 200 && response.status < 300 });
  const mode = options.auth ?? 'auto';
  let keysExist: Promise<boolean> | undefined;
  const stopListening = storage.onConfigChange((change) => {
    if (change.kind === 'api_key' || change.kind === 'all') keysExist = undefined;
    router.invalidate(change.kind === 'tenant' || change.kind === 'api_key' || change.kind === 'credential' ? change.tenant : undefined);
  });

  const anyKeys = async (): Promise<boolean> => {
    for (const tenant of await storage.listTenants()) {
      if ((await storage.listApiKeys(tenant.slug)).length > 0) return true;
    }
    return false;
  };

  const authenticateRequest = async (request: Request, pathTenant: string | undefined): Promise<Identity> => {
    const header = request.headers.get('authorization');
    const required = mode === 'required' || (mode === 'auto' && (await (keysExist ??= anyKeys())));
    if (!required) return { tenant: pathTenant ?? router.config.defaultTenant };
    const { tenant, key } = await authenticate(storage, header, { usage, clock: router.clock, ...(pathTenant ? { tenant: pathTenant } : {}) });
    return { tenant: tenant.slug, keyId: key.id, keyPrefix: key.prefix, ...(key.limits ? { keyLimits: key.limits } : {}) };
  };

  return {
    admission,
    records,
    handlerOptions: {
      authenticate: authenticateRequest,
      idempotency,
      guard: async (identity) => {
        const tenant = (await router.tenants.get(identity.tenant)).tenant;
        const state = await admission.guard(tenant);
        return state.active ? { costMode: state.costMode, blockedTiers: state.blockedTiers } : undefined;
      },
      admit: async (identity, plan) => {
        const tenant = (await router.tenants.get(identity.tenant)).tenant;
        const outcome = await admission.admit({
          tenant,
          ...(identity.keyId ? { key: { id: identity.keyId, ...(identity.keyLimits ? { limits: identity.keyLimits } : {}) } } : {}),
          inputTokens: plan.inputTokens,
          maxOutputTokens: plan.maxOutputTokens,
          worstCaseUsd: plan.worstCaseUsd,
          tier: plan.tier,
        });
        if (!outcome.admitted) throw Object.assign(outcome.error, { headers: outcome.headers });
        return {
          headers: outcome.headers,
          settle: (actual) => void outcome.ticket.settle(actual),
          release: () => void outcome.ticket.release(),
        };
      },
      onComplete: (event) => {
        records.enqueue(requestLogOf(event));
      },
      admin: createAdminHandler({ storage, ledger: storage.ledger, ...(options.adminToken ? { adminToken: options.adminToken } : {}) }),
      health: async () => {
        const health = await storage.health();
        return { ...health, records: records.stats() };
      },
    },
    async close() {
      stopListening();
      await records.close();
    },
  };
}

/** The record of one finished request. */
export function requestLogOf(event: CompletionEvent): RequestLog {
  const decision = event.decision;
  const served = event.served ?? (decision ? { provider: decision.provider, model: decision.model } : undefined);
  const log: RequestLog = {
    id: event.requestId,
    tenant: event.identity.tenant,
    timestamp: event.startedAt,
    requestedModel: event.requestedModel,
    autoRouted: decision !== undefined && decision.mode !== 'explicit',
    stream: event.endpoint === 'stream',
    inputTokens: event.usage.inputTokens,
    outputTokens: event.usage.outputTokens,
    costUsd: event.cost?.costUsd ?? 0,
    baselineCostUsd: event.cost?.baselineCostUsd ?? 0,
    savedUsd: event.cost?.savedUsd ?? 0,
    latencyMs: event.latencyMs,
    fallbacksTried: event.attempts.filter((attempt) => attempt.outcome !== 'success').map((attempt) => `${attempt.provider}/${attempt.model}`),
    status: event.status,
    httpStatus: event.httpStatus,
  };
  if (event.identity.keyPrefix) log.keyPrefix = event.identity.keyPrefix;
  if (event.identity.keyId) log.keyId = event.identity.keyId;
  if (served) {
    log.routedModel = served.model;
    log.provider = served.provider;
  }
  if (decision) {
    log.category = decision.category;
    log.tier = decision.tier;
    log.confidence = decision.confidence;
    log.complexity = decision.complexity;
  }
  if (event.timeToFirstTokenMs !== undefined) log.timeToFirstTokenMs = event.timeToFirstTokenMs;
  if (event.sessionId) log.sessionId = event.sessionId;
  if (event.error) {
    log.errorCode = event.error.code;
    log.errorMessage = event.error.message.slice(0, 1000);
  }
  return log;
}
