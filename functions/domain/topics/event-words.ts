import type { Topic } from './topic-schema';
import type { EventWords } from './event-mentions';

/** The words that name a topic's event: its triggers as listed (built-in vocabularies to come). */
export const eventWordsOf = (event: Topic['event']): EventWords => ({
  forms: event.triggers,
  excludes: [],
});
