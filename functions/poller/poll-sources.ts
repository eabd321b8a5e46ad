import { decodeArticleBytes } from '../domain/documents/bytes/decode-bytes';
import { parseFeedDocument } from '../domain/documents/feed-format';
import { entryDocument, entryHash, entryIdentity, entryObjectKey } from '../domain/sources/feed-entries';
import { afterPoll, failingMinutes, FAILING_ALARM_MINUTES, isDue } from '../domain/sources/source-schedule';
import type { FeedFetcher, ObjectWriter, SourceRecord, SourceRepository } from '../ports/source-ports';

/**
 * One poller run: the sources that are due (or the ones asked for), each fetched conditionally,
 * its new entries written once each as objects for the ingest path, its health recorded. Sources
 * on one host are polled one after another (a host is never sent two requests at once); hosts in
 * parallel, up to HOSTS_AT_ONCE. A source's failure is recorded on it and never fails the run:
 * one dead feed must not hold the others back or make Lambda retry the schedule.
 */

export type SourcePollStatus = 'ok' | 'not-modified' | 'failing';

export interface SourcePollResult {
  id: string;
  url: string;
  status: SourcePollStatus;
  /** Entries written this poll. */
  new: number;
  /** Their object keys, in feed order. */
  written: string[];
  /** Entries the feed repeats from earlier polls. */
  unchanged: number;
  error?: string;
  /** The answer was over the size cap and was read only as far as the cap. */
  truncated?: boolean;
  ms: number;
}

export interface PollRun {
  sources: SourcePollResult[];
  /** Sources failing for FAILING_ALARM_MINUTES or more, after this run. */
  failingForADay: number;
}

export interface PollDeps {
  sources: SourceRepository;
  objects: ObjectWriter;
  fetch: FeedFetcher;
  articlesPrefix: string;
  now?: () => Date;
}

export interface PollRequest {
  /** Poll these now, due or not; otherwise every due source. */
  ids?: string[];
  /** Stop starting new polls after this time (the Lambda's remaining time, less a margin). */
  deadline?: number;
}

const HOSTS_AT_ONCE = 8;
/** Entry writes (a conditional put and a PutObject each) in flight per source. */
const ENTRIES_AT_ONCE = 8;

/** The answer is not text a feed could be in (an image, a PDF, an undecodable charset). */
export class UnreadableFeedError extends Error {
  override readonly name = 'UnreadableFeedError';
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
};

const messageOf = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

async function pollOne(source: SourceRecord, deps: PollDeps, now: () => Date): Promise<SourcePollResult> {
  const started = Date.now();
  const keys: string[] = [];
  const finish = async (
    result: Omit<SourcePollResult, 'id' | 'url' | 'ms' | 'written'>,
    validators: { etag?: string; lastModified?: string } = {},
  ): Promise<SourcePollResult> => {
    const outcome =
      result.status === 'failing'
        ? { ok: false as const, error: result.error ?? 'failed' }
        : { ok: true as const };
    await deps.sources.recordPoll(source.id, {
      health: afterPoll(source.health, source.intervalMinutes, outcome, now()),
      ...validators,
      ...(result.status === 'not-modified' ? {} : { lastTruncated: result.truncated === true }),
      ...(result.status === 'ok' ? { lastNew: result.new, lastUnchanged: result.unchanged } : {}),
    });
    return { id: source.id, url: source.url, ...result, written: keys, ms: Date.now() - started };
  };

  let response;
  try {
    response = await deps.fetch({
      url: source.url,
      ...(source.etag ? { etag: source.etag } : {}),
      ...(source.lastModified ? { lastModified: source.lastModified } : {}),
    });
  } catch (error) {
    return finish({ status: 'failing', new: 0, unchanged: 0, error: messageOf(error) });
  }
  // Unchanged since the last poll: nothing is parsed, nothing written.
  if (response.notModified) return finish({ status: 'not-modified', new: 0, unchanged: 0 });
  if (response.status < 200 || response.status > 299) {
    return finish({ status: 'failing', new: 0, unchanged: 0, error: `HTTP ${response.status}` });
  }

  let entries;
  try {
    const decoded = decodeArticleBytes(
      response.body,
      response.contentType ? { contentType: response.contentType } : {},
    );
    if (!decoded.ok) throw new UnreadableFeedError(`${decoded.reason}: ${decoded.detail}`);
    entries = parseFeedDocument(decoded.text);
  } catch (error) {
    const cut = response.truncated ? ' (the answer was cut at the size cap)' : '';
    return finish({
      status: 'failing',
      new: 0,
      unchanged: 0,
      error: `${messageOf(error)}${cut}`,
      ...(response.truncated ? { truncated: true } : {}),
    });
  }

  let seen = 0;
  let failure: string | undefined;
  const seenAt = now().toISOString();
  const sourceName = source.name;
  // Entries are written to the table and the bucket, not to the feed's host: several at once.
  const outcomes = new Array<string | undefined>(entries.length);
  let next = 0;
  const writer = async () => {
    while (next < entries.length && failure === undefined) {
      const index = next++;
      const entry = entries[index] as (typeof entries)[number];
      const hash = entryHash(entryIdentity(entry));
      if (!(await deps.sources.markSeen(source.id, hash, seenAt))) {
        seen += 1;
        continue;
      }
      const key = entryObjectKey(deps.articlesPrefix, source.id, hash);
      try {
        await deps.objects.putObject(
          key,
          entryDocument(entry, { sourceName, feedUrl: source.url }),
          'application/json; charset=utf-8',
        );
        outcomes[index] = key;
      } catch (error) {
        // Not written: take the mark back so the next poll writes it; the source reads failing.
        await deps.sources.unmarkSeen(source.id, hash);
        failure ??= `writing an entry: ${messageOf(error)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ENTRIES_AT_ONCE, entries.length) }, writer));
  keys.push(...outcomes.filter((key): key is string => key !== undefined));
  const written = keys.length;
  if (failure !== undefined) {
    return finish({ status: 'failing', new: written, unchanged: seen, error: failure });
  }
  return finish(
    { status: 'ok', new: written, unchanged: seen, ...(response.truncated ? { truncated: true } : {}) },
    {
      ...(response.etag ? { etag: response.etag } : {}),
      ...(response.lastModified ? { lastModified: response.lastModified } : {}),
    },
  );
}

export const createPollSources =
  (deps: PollDeps) =>
  async (request: PollRequest = {}): Promise<PollRun> => {
    const now = deps.now ?? (() => new Date());
    const all = await deps.sources.list();
    const wanted = request.ids ? new Set(request.ids) : undefined;
    const chosen = all.filter((source) => (wanted ? wanted.has(source.id) : isDue(source.health, now())));
    const byHost = new Map<string, SourceRecord[]>();
    for (const source of chosen) {
      const host = hostOf(source.url);
      byHost.set(host, [...(byHost.get(host) ?? []), source]);
    }
    const results = new Map<string, SourcePollResult>();
    const queues = [...byHost.values()];
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const source of queue) {
          if (request.deadline !== undefined && Date.now() > request.deadline) return;
          results.set(source.id, await pollOne(source, deps, now));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(HOSTS_AT_ONCE, queues.length) }, worker));
    const after = await deps.sources.list();
    return {
      sources: chosen.flatMap((source) => results.get(source.id) ?? []),
      failingForADay: after.filter((source) => failingMinutes(source.health, now()) >= FAILING_ALARM_MINUTES)
        .length,
    };
  };

export type PollSources = ReturnType<typeof createPollSources>;
