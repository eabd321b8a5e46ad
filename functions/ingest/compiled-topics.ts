import { compileTopics, type CompiledTopic } from '../domain/topics/match-topics';
import type { Topic } from '../domain/topics/topic-schema';
import type { TopicSource } from '../ports/ports';

/**
 * The topics compiled (and indexed: domain/topics/topic-index.ts) for matching, recompiled only
 * when the source hands back a new list (it returns the same array until the topics change), so
 * the index is built once per topic list, not per article. Apart from adapters/cached-topic-source.ts:
 * compiling needs the matcher and with it the NLP model, which only the ingest function loads; the
 * digest function reads topics without matching anything.
 */
export const compiledTopicsOf = (topics: Topic[] | TopicSource): (() => Promise<CompiledTopic[]>) => {
  const source: TopicSource = Array.isArray(topics) ? async () => topics : topics;
  const compiledFor = new WeakMap<Topic[], CompiledTopic[]>();
  return async () => {
    const list = await source();
    let compiled = compiledFor.get(list);
    if (!compiled) {
      compiled = compileTopics(list);
      compiledFor.set(list, compiled);
    }
    return compiled;
  };
};
