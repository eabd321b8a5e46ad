// Types for the parts of wink-eng-lite-web-model that tokenise.ts loads one by one instead of the
// whole model (the package types only its main export). Internal to wink: checked against
// wink-eng-lite-web-model 1.8.1 and wink-nlp 2.4.

/** The packed English core model: lexicon, features and packing layout (about 3 MB). */
declare module 'wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json' {
  const core: {
    packing: {
      /** Per feature: [quanta, mask, shift, is-extrinsic (0 = own list and hash), in-ef-list, …]. */
      layout: Record<string, readonly number[]>;
      [key: string]: unknown;
    };
    features: Record<string, { list: readonly string[]; [key: string]: unknown }>;
    /** Base64 of little-endian 32-bit words. */
    lexicon: string;
    /** Base64 of little-endian 32-bit words. */
    xpansions: string;
    pos: { hash: Record<string, number>; list: readonly string[] };
    [key: string]: unknown;
  };
  export default core;
}

/** `(config, lang, featuresData, isLexicographer) → feature extractors`, handed to wink as is. */
declare module 'wink-eng-lite-web-model/dist/feature.js' {
  /** Builds the per-token feature extractors (shape, prefix, isAbbrev, …) wink's tagger reads. */
  const featureFn: (...args: unknown[]) => Record<string, (word: string) => unknown>;
  export default featureFn;
}

/** Sentence boundary detection: automata, transformers and setter, handed to wink as is. */
declare module 'wink-eng-lite-web-model/dist/load-sbd-model.js' {
  const loadSbdModel: () => unknown;
  export default loadSbdModel;
}

/** Part-of-speech tagging: automata, transformers, setter and updater, handed to wink as is. */
declare module 'wink-eng-lite-web-model/dist/load-pos-model.js' {
  const loadPosModel: () => unknown;
  export default loadPosModel;
}
