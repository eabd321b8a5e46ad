import { useEffect } from 'preact/hooks';
import { authConfig, signOut } from './auth';
import { Title } from './components';
import { ArticlePage, ArticlesPage } from './pages/articles';
import { HealthPage } from './pages/health';
import { RejectionsPage } from './pages/rejections';
import { StoriesPage, StoryPage } from './pages/stories';
import { SubscriptionsPage } from './pages/subscriptions';
import { TopicEditor, TopicsPage, TryArticlePage } from './pages/topics';
import { Link, match, navigate, useLocation, type Location } from './router';

const SECTIONS = [
  ['/stories', 'Stories'],
  ['/articles', 'Articles'],
  ['/topics', 'Topics'],
  ['/subscriptions', 'Subscriptions'],
  ['/rejections', 'Rejections'],
  ['/health', 'Health'],
] as const;

/** The section a path belongs to (an article's page is under Articles). */
const sectionOf = (path: string): string | undefined =>
  SECTIONS.find(([href]) => (path === '/article' ? '/articles' : path).startsWith(href))?.[0];

function Page({ location }: { location: Location }) {
  const path = location.path.replace(/\/+$/, '') || '/';
  let params: Record<string, string> | null;
  if (path === '/stories') return <StoriesPage location={location} />;
  if ((params = match('/stories/:id', path))) return <StoryPage storyId={params.id ?? ''} />;
  if (path === '/articles') return <ArticlesPage location={location} />;
  if (path === '/article' && location.query.get('key')) {
    return (
      <ArticlePage
        articleKey={location.query.get('key') ?? ''}
        entry={location.query.get('entry') ?? undefined}
      />
    );
  }
  if (path === '/topics') return <TopicsPage />;
  if (path === '/topics/new') return <TopicEditor />;
  if (path === '/topics/try') return <TryArticlePage />;
  if ((params = match('/topics/edit/:id', path))) return <TopicEditor key={params.id} topicId={params.id} />;
  if (path === '/subscriptions') return <SubscriptionsPage />;
  if (path === '/rejections') return <RejectionsPage location={location} />;
  if (path === '/health') return <HealthPage />;
  return (
    <>
      <Title>Not found</Title>
      <p>
        Nothing lives at this address. <Link href="/stories">See the stories</Link>.
      </p>
    </>
  );
}

export function App() {
  const location = useLocation();
  useEffect(() => {
    if (location.path === '/' || location.path === '/index.html') navigate('/stories', { replace: true });
  }, [location.path]);
  useEffect(() => {
    const section = SECTIONS.find(([href]) => href === sectionOf(location.path));
    document.title = section ? `${section[1]} · Newswatch` : 'Newswatch';
  }, [location.path]);
  return (
    <>
      <a class="skip" href="#main">
        Skip to the content
      </a>
      <header class="top">
        <p class="brand">Newswatch</p>
        <nav aria-label="Sections">
          <ul>
            {SECTIONS.map(([href, label]) => (
              <li key={href}>
                <Link href={href} aria-current={sectionOf(location.path) === href ? 'page' : undefined}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {authConfig().type === 'cognito' && (
          <a
            class="signout"
            href="/"
            onClick={(event) => {
              event.preventDefault();
              signOut();
            }}
          >
            Sign out
          </a>
        )}
      </header>
      <main id="main">
        <Page location={location} />
      </main>
    </>
  );
}
