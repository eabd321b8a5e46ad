import { useEffect, useState } from 'preact/hooks';
import { CERTAINTIES } from '../../../contracts/vocabulary';
import type { StoryDetailView, TimelineEntryView, TopicView } from '../../../contracts/console-api';
import { api } from '../api';
import { CertaintyMap, ErrorMessage, Loading, Matches, MoreButton, Title, usePaged } from '../components';
import { Link, articlePath, navigate, pathOf, type Location } from '../router';
import { Timeline } from '../timeline';

/** The stored topics, for the filters' and forms' topic lists (empty until loaded or on failure). */
export function useTopicList(): TopicView[] {
  const [topics, setTopics] = useState<TopicView[]>([]);
  useEffect(() => {
    api.topics().then(
      (list) => setTopics(list.items),
      () => setTopics([]),
    );
  }, []);
  return topics;
}

type FieldEvent = { currentTarget: EventTarget | null };

/**
 * A filter form's fields, held in state (a re-render, say when the topic list arrives, must not
 * wipe what the user typed) and reset from the URL's query when it changes.
 */
export function useFilterFields<Name extends string>(query: URLSearchParams, names: readonly Name[]) {
  const fromQuery = () =>
    Object.fromEntries(names.map((name) => [name, query.get(name) ?? ''])) as Record<Name, string>;
  const [fields, setFields] = useState(fromQuery);
  const key = query.toString();
  useEffect(() => setFields(fromQuery()), [key]);
  const bind = (name: Name) => {
    const update = (event: FieldEvent) => {
      const value = (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;
      setFields((previous) => ({ ...previous, [name]: value }));
    };
    return { name, value: fields[name], onInput: update, onChange: update };
  };
  return { fields, bind };
}

/** Reads a filter form into the URL's query, so filters survive reloads and the back button. */
export const submitFilters = (path: string) => (event: SubmitEvent) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  const params = new URLSearchParams();
  for (const [name, value] of form.entries())
    if (typeof value === 'string' && value.trim()) params.set(name, value.trim());
  const search = params.toString();
  navigate(search ? `${path}?${search}` : path);
};

export function TopicSelect({
  topics,
  id = 'topic',
  field,
}: {
  topics: TopicView[];
  id?: string;
  field: {
    name: string;
    value: string;
    onInput: (event: FieldEvent) => void;
    onChange: (event: FieldEvent) => void;
  };
}) {
  const value = field.value;
  return (
    <select id={id} {...field}>
      <option value="">any topic</option>
      {topics.map((topic) => (
        <option key={topic.id} value={topic.id}>
          {topic.name} ({topic.id})
        </option>
      ))}
      {value && !topics.some((topic) => topic.id === value) && <option value={value}>{value}</option>}
    </select>
  );
}

export function StoriesPage({ location }: { location: Location }) {
  const query = location.query;
  const filters = {
    topic: query.get('topic') ?? '',
    certainty: query.get('certainty') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
  const { bind } = useFilterFields(query, ['topic', 'certainty', 'from', 'to']);
  const topics = useTopicList();
  const paged = usePaged(query.toString(), (cursor) => api.stories({ ...filters, cursor }));
  return (
    <>
      <Title>Stories</Title>
      <form class="filters" onSubmit={submitFilters('/stories')} aria-label="Filter stories">
        <div class="field">
          <label for="topic">Topic</label>
          <TopicSelect topics={topics} field={bind('topic')} />
        </div>
        <div class="field">
          <label for="certainty">Certainty</label>
          <select id="certainty" {...bind('certainty')}>
            <option value="">any certainty</option>
            {CERTAINTIES.map((certainty) => (
              <option key={certainty} value={certainty}>
                {certainty}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="from">From</label>
          <input id="from" type="date" {...bind('from')} />
        </div>
        <div class="field">
          <label for="to">To</label>
          <input id="to" type="date" {...bind('to')} />
        </div>
        <button type="submit">Show stories</button>
        <p class="hint">Dates are the articles' dates; without From, the last 90 days up to To (or today).</p>
      </form>
      <ErrorMessage error={paged.error} />
      {paged.items.length === 0 && !paged.loading && !paged.error && (
        <p>No story matches these filters: try an earlier From date.</p>
      )}
      <ol class="cards" aria-label="Stories">
        {paged.items.map((story) => (
          <li key={story.storyId} class="card">
            <h2>
              <Link href={pathOf('stories', story.storyId)}>{story.title}</Link>
            </h2>
            <p class="muted">
              {story.firstSeen === story.lastSeen
                ? story.firstSeen
                : `${story.firstSeen} – ${story.lastSeen}`}{' '}
              · {story.articles} {story.articles === 1 ? 'article' : 'articles'}
              {story.copies > 0 && ` (${story.copies} ${story.copies === 1 ? 'copy' : 'copies'})`} ·{' '}
              {story.outlets.join(', ') || 'no outlet'}
            </p>
            <CertaintyMap values={story.certainty} />
          </li>
        ))}
      </ol>
      {paged.loading && <Loading />}
      <MoreButton paged={paged} />
    </>
  );
}

function Entry({ entry, copies }: { entry: TimelineEntryView; copies: TimelineEntryView[] }) {
  const changes = Object.entries(entry.changes);
  return (
    <li class="entry">
      <p class="entry-head">
        <time dateTime={entry.date}>{entry.date}</time> ·{' '}
        <span class="outlet">{entry.outlet ?? 'unknown outlet'}</span>
        {entry.role === 'copy' && <span class="muted"> · copy</span>}
      </p>
      <h3>
        <Link href={articlePath(entry.key, entry.entryId)}>{entry.title}</Link>
      </h3>
      <CertaintyMap values={entry.certainty} />
      {changes.length > 0 && (
        <p class="muted">{changes.map(([topic, change]) => `${topic}: ${change}`).join('; ')}</p>
      )}
      <Matches matches={entry.matches} />
      {copies.length > 0 && (
        <details class="copies">
          <summary>
            {copies.length} {copies.length === 1 ? 'copy' : 'copies'} of this article
          </summary>
          <ol>
            {copies.map((copy) => (
              <Entry key={copy.key + (copy.entryId ?? '')} entry={copy} copies={[]} />
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

const idOf = (entry: TimelineEntryView): string =>
  entry.entryId ? `${entry.key}#${entry.entryId}` : entry.key;

export function StoryPage({ storyId }: { storyId: string }) {
  const [story, setStory] = useState<StoryDetailView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setStory(null);
    setError(null);
    api.story(storyId).then(setStory, setError);
  }, [storyId]);
  if (error) {
    return (
      <>
        <Title>Story</Title>
        <ErrorMessage error={error} />
      </>
    );
  }
  if (!story) return <Loading />;
  const sorted = [...story.articles].sort((a, b) => a.date.localeCompare(b.date));
  const originals = sorted.filter((entry) => entry.role === 'original' || !entry.copyOf);
  const known = new Set(originals.map(idOf));
  // A copy whose original is not in the story (outside the window) is shown on its own.
  const orphans = sorted.filter((entry) => entry.role === 'copy' && entry.copyOf && !known.has(entry.copyOf));
  const copiesOf = (entry: TimelineEntryView) =>
    sorted.filter((copy) => copy.role === 'copy' && copy.copyOf === idOf(entry));
  const shown = [...originals, ...orphans].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <>
      <p class="crumbs">
        <Link href="/stories">Stories</Link>
      </p>
      <Title>{story.title}</Title>
      <p class="muted">
        {story.firstSeen} – {story.lastSeen} · {story.articles.length} articles
        {story.copies > 0 && ` (${story.copies} copies)`}
        {story.outlets.length > 0 && ` · ${story.outlets.join(', ')}`}
      </p>
      <CertaintyMap values={story.certainty} />
      <h2>Timeline</h2>
      <Timeline entries={story.articles} />
      <h2>Articles</h2>
      <ol class="entries">
        {shown.map((entry) => (
          <Entry key={idOf(entry)} entry={entry} copies={copiesOf(entry)} />
        ))}
      </ol>
    </>
  );
}
