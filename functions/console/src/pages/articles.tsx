import { useEffect, useState } from 'preact/hooks';
import type { ArticleDetailView, EntitiesView } from '../../../contracts/console-api';
import { api } from '../api';
import { ErrorMessage, Loading, Matches, MoreButton, SafeLink, Title, usePaged } from '../components';
import { Link, articlePath, pathOf, type Location } from '../router';
import { TopicSelect, submitFilters, useFilterFields, useTopicList } from './stories';

function Entities({ entities }: { entities: EntitiesView }) {
  const groups: [string, string[]][] = [
    ['People', entities.people],
    ['Organisations', entities.organizations],
    ['Places', entities.places],
  ];
  return (
    <dl class="entities">
      {groups.map(([label, names]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {names.length === 0 ? (
              <span class="muted">none</span>
            ) : (
              <ul class="inline">
                {names.map((name) => (
                  <li key={name}>
                    <Link href={`/articles?entity=${encodeURIComponent(name)}`}>{name}</Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function ArticlesPage({ location }: { location: Location }) {
  const query = location.query;
  const filters = {
    entity: query.get('entity') ?? '',
    topic: query.get('topic') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
  const { bind } = useFilterFields(query, ['entity', 'topic', 'from', 'to']);
  const topics = useTopicList();
  const paged = usePaged(query.toString(), (cursor) => api.articles({ ...filters, cursor }));
  return (
    <>
      <Title>Articles</Title>
      <form class="filters" role="search" onSubmit={submitFilters('/articles')} aria-label="Search articles">
        <div class="field">
          <label for="entity">Entity</label>
          <input id="entity" type="search" placeholder="e.g. Kim Jong Un" {...bind('entity')} />
        </div>
        <div class="field">
          <label for="topic">Topic</label>
          <TopicSelect topics={topics} field={bind('topic')} />
        </div>
        <div class="field">
          <label for="from">From</label>
          <input id="from" type="date" {...bind('from')} />
        </div>
        <div class="field">
          <label for="to">To</label>
          <input id="to" type="date" {...bind('to')} />
        </div>
        <button type="submit">Search</button>
      </form>
      <ErrorMessage error={paged.error} />
      {paged.items.length === 0 && !paged.loading && !paged.error && <p>No article matches.</p>}
      <ol class="cards" aria-label="Articles">
        {paged.items.map((article) => (
          <li key={article.key + (article.entryId ?? '')} class="card">
            <h2>
              <Link href={articlePath(article.key, article.entryId)}>{article.title}</Link>
            </h2>
            <p class="muted">
              {article.publishedAt ?? 'undated'}
              {article.source && ` · ${article.source}`}
              {article.topics.length > 0 && ` · topics: ${article.topics.join(', ')}`}
            </p>
            {article.summaryLine && <p>{article.summaryLine}</p>}
          </li>
        ))}
      </ol>
      {paged.loading && <Loading />}
      <MoreButton paged={paged} />
    </>
  );
}

export function ArticlePage({ articleKey, entry }: { articleKey: string; entry?: string }) {
  const [article, setArticle] = useState<ArticleDetailView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setArticle(null);
    setError(null);
    api.article(articleKey, entry).then(setArticle, setError);
  }, [articleKey, entry]);
  if (error) {
    return (
      <>
        <Title>Article</Title>
        <ErrorMessage error={error} />
      </>
    );
  }
  if (!article) return <Loading />;
  return (
    <>
      <p class="crumbs">
        <Link href="/articles">Articles</Link>
        {article.storyId && (
          <>
            {' · '}
            <Link href={pathOf('stories', article.storyId)}>its story</Link>
          </>
        )}
      </p>
      <Title>{article.title}</Title>
      <p class="muted">
        {article.publishedAt ?? 'undated'}
        {article.source && ` · ${article.source}`}
        {article.wordCount !== undefined && ` · ${article.wordCount} words`} · <code>{article.key}</code>
      </p>
      {article.url && (
        <p>
          <SafeLink url={article.url} />
        </p>
      )}
      <h2>Summary</h2>
      {article.summary.length > 0 ? (
        <ul>
          {article.summary.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">No summary.</p>
      )}
      <h2>Entities</h2>
      <Entities entities={article.entities} />
      <h2>Dates</h2>
      {article.dates.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">As written</th>
              <th scope="col">Resolved</th>
            </tr>
          </thead>
          <tbody>
            {article.dates.map((date, index) => (
              <tr key={index}>
                <td>{date.text}</td>
                <td>{date.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No dates named.</p>
      )}
      <h2>Matches</h2>
      <Matches matches={article.matches} />
    </>
  );
}
