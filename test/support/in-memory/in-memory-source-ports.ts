import {
  SourceExistsError,
  SourceNotFoundError,
  type FeedFetcher,
  type FeedResponse,
  type ObjectWriter,
  type SourcePollUpdate,
  type SourceRecord,
  type SourceRepository,
} from '../../../functions/ports/source-ports';
import { initialHealth } from '../../../functions/domain/sources/source-schedule';

/** The poller's ports in memory (functions/ports/source-ports.ts), keeping to their contracts. */
export class InMemorySourceRepository implements SourceRepository {
  readonly sources = new Map<string, SourceRecord>();
  readonly seen = new Map<string, Set<string>>();

  async list() {
    return [...this.sources.values()].sort((a, b) => a.id.localeCompare(b.id)).map((s) => structuredClone(s));
  }
  async get(id: string) {
    const source = this.sources.get(id);
    return source && structuredClone(source);
  }
  async add(source: SourceRecord) {
    if (this.sources.has(source.id) || [...this.sources.values()].some((s) => s.url === source.url)) {
      throw new SourceExistsError(source.id);
    }
    this.sources.set(source.id, structuredClone(source));
  }
  async remove(id: string) {
    if (!this.sources.delete(id)) throw new SourceNotFoundError(id);
    this.seen.delete(id);
  }
  async recordPoll(id: string, update: SourcePollUpdate) {
    const source = this.sources.get(id);
    if (source) this.sources.set(id, { ...source, ...structuredClone(update) });
  }
  async markSeen(id: string, hash: string) {
    const seen = this.seen.get(id) ?? new Set<string>();
    this.seen.set(id, seen);
    if (seen.has(hash)) return false;
    seen.add(hash);
    return true;
  }
  async unmarkSeen(id: string, hash: string) {
    this.seen.get(id)?.delete(hash);
  }
}

export class InMemoryObjectWriter implements ObjectWriter {
  readonly objects = new Map<string, { body: string; contentType: string }>();
  failNext?: Error;
  async putObject(key: string, body: string, contentType: string) {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.objects.set(key, { body, contentType });
  }
}

/** A source as `sources add` makes it, due now. */
export const sourceRecord = (
  overrides: Partial<SourceRecord> & Pick<SourceRecord, 'id' | 'url'>,
): SourceRecord => ({
  name: overrides.id,
  intervalMinutes: 15,
  createdAt: '2026-12-01T00:00:00.000Z',
  health: initialHealth(new Date('2026-12-01T00:00:00.000Z')),
  ...overrides,
});

/** A fetcher that answers from a table of URL → response (or error), recording every request. */
export const scriptedFetcher = (
  answers: Record<string, FeedResponse | Error | ((etag?: string) => FeedResponse)>,
) => {
  const requests: { url: string; etag?: string; lastModified?: string }[] = [];
  const fetch: FeedFetcher = async (request) => {
    requests.push(request);
    const answer = answers[request.url];
    if (answer === undefined) throw new Error(`no answer scripted for ${request.url}`);
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(request.etag) : answer;
  };
  return { fetch, requests };
};

export const feedResponse = (xml: string, overrides: Partial<FeedResponse> = {}): FeedResponse => ({
  status: 200,
  notModified: false,
  body: new TextEncoder().encode(xml),
  truncated: false,
  contentType: 'application/rss+xml',
  ...overrides,
});
