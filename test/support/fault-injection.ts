import {
  addClientMiddleware,
  type ClientMiddlewareRegistration,
  type ClientService,
} from '../../functions/adapters/aws-clients';
import { seededRandom } from '../../infra/local/invocation/lambda-invocation';

/**
 * Fault injection at the SDK client layer, through the test seam of functions/adapters/aws-clients.ts.
 * The middleware sits in the `deserialize` step, inside the SDK's retry middleware, so every
 * attempt (first try and retries) is a separate chance of failure and the SDK's own retry policy
 * is what recovers, exactly as against a real service:
 *
 * - `throttle`: the request never reaches the service; a ThrottlingException (HTTP 400).
 * - `server-error`: the request never reaches the service; an InternalServerError (HTTP 500).
 * - `response-lost`: the request reaches the service and succeeds, then the connection drops
 *   (ECONNRESET) before the response is read. The nasty case: the retry repeats a write that
 *   already happened, so it must be idempotent (conditional writes must recognise their own).
 */
export type FaultKind = 'throttle' | 'server-error' | 'response-lost';

export const FAULT_KINDS: readonly FaultKind[] = ['throttle', 'server-error', 'response-lost'];

export interface FaultPlan {
  /** Probability that one attempt fails, 0..1. */
  rate: number;
  seed: number;
  services: readonly ClientService[];
  kinds?: readonly FaultKind[];
  /**
   * Calls that never get `response-lost` (their other faults stay): operations known not to be
   * idempotent under a retry, named in the test with the reason. `command` is `service.Command`
   * (e.g. `sns.Publish`), `input` the command's input.
   */
  noResponseLost?: (command: string, input: Record<string, unknown>) => boolean;
}

export interface FaultCounts {
  /** Attempts that went through the middleware while a plan was active (retries included). */
  attempts: number;
  faults: Record<FaultKind, number>;
  /** `service.Command` → faults injected there. */
  byCommand: Record<string, number>;
}

const emptyCounts = (): FaultCounts => ({
  attempts: 0,
  faults: { throttle: 0, 'server-error': 0, 'response-lost': 0 },
  byCommand: {},
});

/** Named so that a test failure shows an injected fault for what it is. */
export class InjectedFaultError extends Error {
  constructor(
    message: string,
    readonly kind: FaultKind,
  ) {
    super(message);
  }
}

const faultError = (kind: FaultKind, service: ClientService): Error => {
  if (kind === 'throttle') {
    return Object.assign(new InjectedFaultError('Rate exceeded (injected)', kind), {
      name: service === 'sns' ? 'Throttling' : 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
  }
  if (kind === 'server-error') {
    return Object.assign(new InjectedFaultError('Internal server error (injected)', kind), {
      name: service === 'sns' ? 'InternalError' : 'InternalServerError',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
  }
  // What Node's HTTP client reports when the connection dies while the response is awaited.
  return Object.assign(
    new InjectedFaultError('socket hang up (injected after the request succeeded)', kind),
    {
      name: 'Error',
      code: 'ECONNRESET',
      $metadata: {},
    },
  );
};

/**
 * One injector per test process. `install()` must run before the handler modules are loaded
 * (their clients are built at module load); `enable()`/`disable()` switch faults on and off
 * between runs, so a clean run and a faulty run can use the same loaded handlers.
 */
export class FaultInjector {
  #plan: FaultPlan | undefined;
  #random: () => number = Math.random;
  #counts = emptyCounts();
  #uninstall: (() => void) | undefined;

  install(): void {
    if (this.#uninstall) return;
    const registration: ClientMiddlewareRegistration = (stack, { service }) => {
      stack.add(
        (next, context) => async (args) => {
          const plan = this.#plan;
          if (!plan || !plan.services.includes(service)) return next(args);
          this.#counts.attempts++;
          const command = `${service}.${String((context as { commandName?: string }).commandName ?? '?').replace(/Command$/, '')}`;
          if (this.#random() >= plan.rate) return next(args);
          const unsafe = plan.noResponseLost?.(
            command,
            (args as { input?: Record<string, unknown> }).input ?? {},
          );
          const kinds = (plan.kinds ?? FAULT_KINDS).filter((kind) => kind !== 'response-lost' || !unsafe);
          const kind = kinds[Math.floor(this.#random() * kinds.length)];
          if (kind === undefined) return next(args);
          this.#counts.faults[kind]++;
          this.#counts.byCommand[command] = (this.#counts.byCommand[command] ?? 0) + 1;
          if (kind === 'response-lost') {
            // The service did the work; only its answer is lost. A service error (e.g. a failed
            // condition) is passed on as it is: there was no success to lose.
            await next(args);
          }
          throw faultError(kind, service);
        },
        { step: 'deserialize', name: 'newswatchFaultInjection', priority: 'high', override: true },
      );
    };
    this.#uninstall = addClientMiddleware(registration);
  }

  enable(plan: FaultPlan): void {
    this.#plan = plan;
    this.#random = seededRandom(plan.seed);
    this.#counts = emptyCounts();
  }

  disable(): FaultCounts {
    this.#plan = undefined;
    return this.counts;
  }

  get counts(): FaultCounts {
    return structuredClone(this.#counts);
  }

  /** Stops registering the middleware on clients built from now on. */
  uninstall(): void {
    this.#uninstall?.();
    this.#uninstall = undefined;
  }
}

export const totalFaults = (counts: FaultCounts) =>
  Object.values(counts.faults).reduce((sum, n) => sum + n, 0);
