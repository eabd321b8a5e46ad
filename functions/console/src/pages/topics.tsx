import { useEffect, useState } from 'preact/hooks';
import type { ApiIssue, TopicListView, TopicTestView, TopicView } from '../../../contracts/console-api';
import { ApiFailure, api } from '../api';
import { Certainty, ErrorMessage, Loading, Matches, Title } from '../components';
import { Link, navigate, pathOf } from '../router';

const TEMPLATE: TopicView = {
  id: 'new-topic',
  name: 'A new topic',
  description: '',
  actors: [{ name: 'First actor', aliases: [], shortNames: [] }],
  event: { type: 'meeting', triggers: [] },
  minimumCertainty: 'speculative',
  delivery: 'instant',
};

export function TopicsPage() {
  const [list, setList] = useState<TopicListView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const load = () => api.topics().then(setList, setError);
  useEffect(() => {
    void load();
  }, []);
  const remove = async (topic: TopicView) => {
    setError(null);
    try {
      await api.deleteTopic(topic.id);
      setStatus(`Removed ${topic.id}.`);
      await load();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <Title>Topics</Title>
      <p class="actions">
        <Link class="button" href="/topics/new">
          Add a topic
        </Link>{' '}
        <Link class="button" href="/topics/try">
          Try an article
        </Link>
      </p>
      <p role="status" class="muted">
        {status}
      </p>
      <ErrorMessage error={error} />
      {!list && !error && <Loading />}
      {list && (
        <table>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Id</th>
              <th scope="col">Minimum</th>
              <th scope="col">Delivery</th>
              <th scope="col">From</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((topic) => (
              <tr key={topic.id}>
                <td>
                  <Link href={pathOf('topics', 'edit', topic.id)}>{topic.name}</Link>
                </td>
                <td>
                  <code>{topic.id}</code>
                </td>
                <td>
                  <Certainty value={String(topic.minimumCertainty ?? 'speculative')} />
                </td>
                <td>{String(topic.delivery ?? 'instant')}</td>
                <td>{topic.origin}</td>
                <td>
                  {topic.origin !== 'default' && (
                    <button
                      type="button"
                      onClick={() => void remove(topic)}
                      aria-label={`Remove ${topic.id}`}
                    >
                      {topic.origin === 'overridden' ? 'Revert' : 'Remove'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && list.invalid.length > 0 && (
        <>
          <h2>Stored topics that no longer validate</h2>
          <ul>
            {list.invalid.map((invalid) => (
              <li key={invalid.id}>
                <code>{invalid.id}</code>: {invalid.issues.join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The API's issues (or a JSON syntax error) listed beside the field they name. */
function Issues({ id, issues }: { id: string; issues: ApiIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} class="issues" role="alert">
      {issues.map((issue, index) => (
        <li key={index}>
          <code class="path">{issue.path || '(topic)'}</code> {issue.message}
        </li>
      ))}
    </ul>
  );
}

const parseDraft = (text: string): { topic: TopicView } | { issues: ApiIssue[] } => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { issues: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { issues: [{ path: '', message: 'a topic is a JSON object' }] };
  }
  const topic = value as TopicView;
  if (typeof topic.id !== 'string' || topic.id === '')
    return { issues: [{ path: 'id', message: 'a topic needs an id' }] };
  return { topic };
};

/** A 4xx about the topic, as issues beside the editor (without paths: the API's message). */
const issuesOf = (error: unknown): ApiIssue[] | null => {
  if (!(error instanceof ApiFailure) || error.status >= 500 || error.status === 401) return null;
  return error.issues.length > 0 ? error.issues : [{ path: '', message: error.message }];
};

/** "Saved …" carried over when saving a new topic moves the editor to the topic's own address. */
let flash = '';

export function TopicEditor({ topicId }: { topicId?: string }) {
  const [text, setText] = useState(topicId ? '' : JSON.stringify(TEMPLATE, null, 2));
  const [loaded, setLoaded] = useState(topicId === undefined);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState(() => {
    const carried = flash;
    flash = '';
    return carried;
  });
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (topicId === undefined) return;
    api.topics().then((list) => {
      const found = list.items.find((topic) => topic.id === topicId);
      if (!found) {
        setError(new Error(`no topic ${topicId}`));
        return;
      }
      const { origin: _origin, ...topic } = found;
      setText(JSON.stringify(topic, null, 2));
      setLoaded(true);
    }, setError);
  }, [topicId]);

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    const draft = parseDraft(text);
    if ('issues' in draft) {
      setIssues(draft.issues);
      return;
    }
    setSaving(true);
    try {
      const saved = await api.saveTopic(draft.topic);
      setIssues([]);
      setText(JSON.stringify(saved, null, 2));
      setStatus(`Saved ${saved.id}.`);
      if (topicId !== saved.id) {
        flash = `Saved ${saved.id}.`;
        navigate(pathOf('topics', 'edit', saved.id), { replace: true });
      }
    } catch (failure) {
      const found = issuesOf(failure);
      if (found) setIssues(found);
      else setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <p class="crumbs">
        <Link href="/topics">Topics</Link>
      </p>
      <Title>{topicId ? `Edit ${topicId}` : 'Add a topic'}</Title>
      <ErrorMessage error={error} />
      {!loaded && !error && <Loading />}
      {loaded && (
        <form onSubmit={save} class="topic-form">
          <div class="field">
            <label for="topic-json">Topic definition (JSON)</label>
            <p class="hint" id="topic-json-hint">
              Fields: id, name, description, actors (name, aliases, shortNames, descriptions), event (type,
              triggers, excludes), minimumCertainty, query, delivery. Problems are listed below with their
              path.
            </p>
            <textarea
              id="topic-json"
              name="topic"
              rows={22}
              spellcheck={false}
              value={text}
              aria-invalid={issues.length > 0}
              aria-describedby={issues.length > 0 ? 'topic-json-hint topic-issues' : 'topic-json-hint'}
              onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
            />
            <Issues id="topic-issues" issues={issues} />
          </div>
          <button type="submit" disabled={saving}>
            Save topic
          </button>{' '}
          <span role="status">{status}</span>
        </form>
      )}
      {loaded && (
        <>
          <h2>Try this draft on an article</h2>
          <TryArticle draft={() => parseDraft(text)} onIssues={setIssues} />
        </>
      )}
    </>
  );
}

/**
 * Paste an article, see what each topic makes of it; nothing is saved. With `draft`, the topic
 * being edited is tested instead of the stored ones.
 */
export function TryArticle({
  draft,
  onIssues,
}: {
  draft?: () => { topic: TopicView } | { issues: ApiIssue[] };
  onIssues?: (issues: ApiIssue[]) => void;
}) {
  const [text, setText] = useState('');
  const [filename, setFilename] = useState('');
  const [result, setResult] = useState<TopicTestView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const prefix = draft ? 'draft-' : '';

  const run = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    let topics: TopicView[] | undefined;
    if (draft) {
      const parsed = draft();
      if ('issues' in parsed) {
        onIssues?.(parsed.issues);
        return;
      }
      topics = [parsed.topic];
    }
    setBusy(true);
    try {
      setResult(
        await api.testTopics({ text, ...(filename ? { filename } : {}), ...(topics ? { topics } : {}) }),
      );
      onIssues?.([]);
    } catch (failure) {
      const found = issuesOf(failure);
      if (found && onIssues) onIssues(found);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="try" aria-label="Try an article">
      <form onSubmit={run}>
        <div class="field">
          <label for={`${prefix}article-text`}>Article text</label>
          <textarea
            id={`${prefix}article-text`}
            rows={10}
            value={text}
            required
            onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
          />
        </div>
        <div class="field">
          <label for={`${prefix}article-filename`}>
            File name (optional: tells the format, e.g. x.html, x.md)
          </label>
          <input
            id={`${prefix}article-filename`}
            value={filename}
            onInput={(event) => setFilename((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" disabled={busy}>
          {draft ? 'Try the draft' : 'Try the article'}
        </button>
      </form>
      <ErrorMessage error={error} />
      {busy && <Loading />}
      {result && (
        <div class="try-result" aria-live="polite">
          <h3>Result (nothing saved)</h3>
          {result.entries.length === 0 && <p>No article found in the text.</p>}
          {result.entries.map((entry, index) => (
            <article key={entry.entryId ?? index} class="card">
              <h4>{entry.title}</h4>
              <p class="muted">{entry.publishedAt ?? 'undated'}</p>
              <Matches matches={entry.matches} />
            </article>
          ))}
        </div>
      )}
    </section>
  );
}

export function TryArticlePage() {
  return (
    <>
      <p class="crumbs">
        <Link href="/topics">Topics</Link>
      </p>
      <Title>Try an article</Title>
      <p>Paste an article to see which stored topics match it, how certain and why. Nothing is saved.</p>
      <TryArticle />
    </>
  );
}
