/**
 * The MEANTIME CoNLL loader lives with the training scripts (infra/training/meantime-conll.ts),
 * which cannot import from test/; the evaluation reads the same one.
 */
export * from '../../../infra/training/meantime-conll';
