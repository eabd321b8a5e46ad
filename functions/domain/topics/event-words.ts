import type { Topic } from './topic-schema';
import type { EventWords } from './event-mentions';
import { triggerVocabulary } from './events/trigger-vocabulary';

/** The words that name a topic's event: its type's vocabulary, extended and narrowed by the topic. */
export const eventWordsOf = (event: Topic['event']): EventWords => {
  const vocabulary = triggerVocabulary(event);
  return {
    forms: vocabulary.forms,
    excludes: vocabulary.excludes,
    nounsOnly: vocabulary.forms.filter(
      (form) => !form.includes(' ') && vocabulary.isNoun(form) && !vocabulary.isVerb(form),
    ),
  };
};
