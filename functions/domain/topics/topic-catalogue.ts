import { parseTopic, type Topic } from './topic-schema';

/** A topic as the table stores it: a definition, or a tombstone that hides a default topic. */
export type StoredTopic =
  { id: string; removed: true } | { id: string; removed?: false; definition: unknown };

/** A stored topic that could not be used, and why: for the logs and `topics list`. */
export interface InvalidStoredTopic {
  id: string;
  error: string;
}

export interface EffectiveTopics {
  /** Sorted by id. */
  topics: Topic[];
  invalid: InvalidStoredTopic[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The topics in force: the defaults that ship with the code, overridden by stored definitions of
 * the same id, plus the stored topics of new ids, minus the ids a tombstone removes.
 *
 * Never throws. Stored definitions come from the table, written by a CLI that may be older or
 * newer than this code, so one that fails validation is reported in `invalid` and left out: one
 * bad item must not stop every alert. The default of that id, if any, stays in force, as if the
 * bad override had never been written.
 */
export const effectiveTopics = (defaults: Topic[], stored: StoredTopic[]): EffectiveTopics => {
  const byId = new Map(defaults.map((topic) => [topic.id, topic]));
  const invalid: InvalidStoredTopic[] = [];

  for (const item of stored) {
    if (item.removed === true) {
      byId.delete(item.id);
      continue;
    }
    try {
      const topic = parseTopic(item.definition);
      // The item's key is the id the store and its tombstones go by; a definition claiming another
      // id would silently shadow or duplicate a different topic.
      if (topic.id !== item.id) {
        invalid.push({ id: item.id, error: `definition has id "${topic.id}", stored as "${item.id}"` });
        continue;
      }
      byId.set(topic.id, topic);
    } catch (error) {
      invalid.push({ id: item.id, error: messageOf(error) });
    }
  }

  const topics = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { topics, invalid };
};
