import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { EvidenceView, Page, TopicMatchView } from '../../contracts/console-api';
import { ApiFailure, messageOf } from './api';
import { splitAroundCues } from './marks';
import { hasNavigated } from './router';

/** A failed call: the API's message, and each field it found wrong with its path. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  const issues = error instanceof ApiFailure ? error.issues : [];
  return (
    <div class="error" role="alert">
      <p>{messageOf(error)}</p>
      {issues.length > 0 && (
        <ul class="issues">
          {issues.map((issue, index) => (
            <li key={index}>
              {issue.path && <code class="path">{issue.path}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading() {
  return (
    <p class="muted" role="status">
      Loading…
    </p>
  );
}

/**
 * The page's h1, focused after in-app navigation so keyboard and screen-reader users land on the
 * new page's heading (on a fresh load the browser's own order applies: skip link first).
 */
export function Title({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

export function Certainty({ value }: { value: string }) {
  return <span class={`certainty certainty-${value}`}>{value}</span>;
}

export function CertaintyMap({ values }: { values: Record<string, string> }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <span class="muted">no topic</span>;
  return (
    <ul class="inline">
      {entries.map(([topic, certainty]) => (
        <li key={topic}>
          {topic}: <Certainty value={certainty} />
        </li>
      ))}
    </ul>
  );
}

/** An evidence sentence with its cue words in <mark>, everything as text. */
export function MarkedSentence({ sentence, cues }: { sentence: string; cues: readonly string[] }) {
  return (
    <>
      {splitAroundCues(sentence, cues).map((part, index) =>
        part.cue ? <mark key={index}>{part.text}</mark> : part.text,
      )}
    </>
  );
}

function Evidence({ evidence }: { evidence: EvidenceView }) {
  return (
    <li class="evidence">
      <q>
        <MarkedSentence sentence={evidence.sentence} cues={evidence.cues} />
      </q>{' '}
      <Certainty value={evidence.certainty} />
      <dl class="why">
        {evidence.participants && evidence.participants.length > 0 && (
          <>
            <dt>participants</dt>
            <dd>{evidence.participants.join(', ')}</dd>
          </>
        )}
        <dt>cues</dt>
        <dd>{evidence.cues.length > 0 ? evidence.cues.join(', ') : 'no cues'}</dd>
        {evidence.site && (
          <>
            <dt>where</dt>
            <dd>{evidence.site}</dd>
          </>
        )}
        {evidence.trigger && (
          <>
            <dt>trigger</dt>
            <dd>{evidence.trigger}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

const verdict = (match: TopicMatchView): string => {
  if (!match.reported) return 'a side mention in the body: would not alert';
  if (!match.alerts) return 'below the minimum: would not alert';
  return match.outcome ? match.outcome : 'would alert';
};

export function Matches({ matches }: { matches: TopicMatchView[] }) {
  if (matches.length === 0) return <p class="muted">No topic matched.</p>;
  return (
    <ul class="matches">
      {matches.map((match) => (
        <li key={match.topicId} class="match">
          <p>
            <strong>{match.topicName}</strong> <span class="muted">({match.topicId})</span>:{' '}
            <Certainty value={match.certainty} />, {verdict(match)}
          </p>
          <ul>
            {match.evidence.map((evidence, index) => (
              <Evidence key={index} evidence={evidence} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/**
 * A paged list: loads the first page whenever `key` changes, and the next one on "More".
 * `load(cursor)` fetches one page.
 */
export function usePaged<T>(key: string, load: (cursor?: string) => Promise<Page<T>>) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback(async (from: string | undefined, reset: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await loadRef.current(from);
      if (mine !== generation.current) return;
      setItems((previous) => (reset ? page.items : [...previous, ...page.items]));
      setCursor(page.cursor);
    } catch (failure) {
      if (mine === generation.current) setError(failure);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setItems([]);
    setCursor(undefined);
    void fetchPage(undefined, true);
  }, [key, fetchPage]);

  return {
    items,
    error,
    loading,
    hasMore: cursor !== undefined,
    more: () => void fetchPage(cursor, false),
    reload: () => void fetchPage(undefined, true),
  };
}

export function MoreButton({ paged }: { paged: { hasMore: boolean; loading: boolean; more: () => void } }) {
  if (!paged.hasMore) return null;
  return (
    <button type="button" class="more" onClick={paged.more} disabled={paged.loading}>
      More
    </button>
  );
}

/** Only http(s) URLs become links: an article's URL is attacker-controlled (javascript:…). */
export function SafeLink({ url }: { url: string }) {
  let safe: boolean;
  try {
    safe = ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    safe = false;
  }
  return safe ? (
    <a href={url} rel="noopener noreferrer nofollow" target="_blank">
      {url}
    </a>
  ) : (
    <span>{url}</span>
  );
}
