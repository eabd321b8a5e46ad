/** Time-zone abbreviations news copy writes after a clock time ("5 p.m. GMT"), lower-cased. */
export const TIME_ZONES: readonly string[] = [
  'gmt',
  'bst',
  'utc',
  'cet',
  'et',
  'est',
  'edt',
  'pt',
  'pst',
  'pdt',
];
