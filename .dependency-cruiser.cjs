/**
 * Import rules of the layout (README, "Project layout"): imports point one way,
 *   contracts <- domain <- ports <- adapters, use cases <- handlers,
 * and the CDK app reads only the contracts. `npm run lint` fails on any violation, naming the rule;
 * test/fixtures/import-rules/ holds a deliberate violation that the lint test expects to fail.
 */
// api: the console's JSON API (issue 16), poller: the feed poller and delivery: the webhook
// delivery (issue 17), functions like the others: each its own bundle, its use cases given their
// ports, only its handler.ts building adapters.
const FUNCTION_FOLDERS = '(ingest|alert|digest|reprocess|poller|api|delivery)';
const AWS_RUNTIME = '^node_modules/(@aws-sdk|@aws-lambda-powertools|@middy|aws-cdk-lib|aws-lambda)/';
const IO_BUILTINS = '^(fs|fs/promises|http|https|net|child_process|dgram|worker_threads)$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes load order matter and hides which concern depends on which.',
      severity: 'error',
      from: { path: '^(functions|infra)/' },
      to: { circular: true },
    },
    {
      name: 'contracts-import-nothing',
      comment: 'functions/contracts is the vocabulary infra and functions share: it imports nothing.',
      severity: 'error',
      from: { path: '^functions/contracts/' },
      to: { pathNot: ['^functions/contracts/', '^crypto$'] },
    },
    {
      name: 'domain-is-pure',
      comment: 'functions/domain is pure: only contracts and itself, no AWS, no I/O.',
      severity: 'error',
      from: { path: '^functions/domain/' },
      to: {
        path: ['^functions/(?!domain/|contracts/)', '^infra/', AWS_RUNTIME, IO_BUILTINS],
      },
    },
    {
      name: 'domain-documents-below-language',
      comment: 'Documents (formats, parsers) know nothing of language, topics or stories.',
      severity: 'error',
      from: { path: '^functions/domain/documents/' },
      to: { path: '^functions/domain/(?!documents/)' },
    },
    {
      name: 'domain-language-below-topics',
      comment: 'Language (tokens, sentences, entities, dates, summary) knows nothing of topics or stories.',
      severity: 'error',
      from: { path: '^functions/domain/language/' },
      to: { path: '^functions/domain/(topics|stories)/|^functions/domain/[^/]+$' },
    },
    {
      name: 'domain-topics-below-stories',
      comment: 'Topic matching and certainty know nothing of stories or of the composing entries.',
      severity: 'error',
      from: { path: '^functions/domain/topics/' },
      to: { path: '^functions/domain/stories/|^functions/domain/[^/]+$' },
    },
    {
      name: 'domain-stories-below-entries',
      comment: 'Story rules do not import the composing entries (analyse-article, article-matches).',
      severity: 'error',
      from: { path: '^functions/domain/stories/' },
      to: { path: '^functions/domain/[^/]+$' },
    },
    {
      name: 'ports-are-declarations',
      comment: 'Ports declare what use cases need: contracts and domain types only, no AWS.',
      severity: 'error',
      from: { path: '^functions/ports/' },
      to: { path: ['^functions/(?!ports/|domain/|contracts/)', '^infra/', AWS_RUNTIME] },
    },
    {
      name: 'messages-are-pure',
      comment: 'Message bodies are formatted from records: contracts, domain and ports only.',
      severity: 'error',
      from: { path: '^functions/messages/' },
      to: { path: ['^functions/(?!messages/|domain/|ports/|contracts/)', '^infra/', AWS_RUNTIME] },
    },
    {
      name: 'runtime-is-plumbing',
      comment: 'Logger, metrics, tracer and the handler chain: no adapters, use cases or domain.',
      severity: 'error',
      from: { path: '^functions/runtime/' },
      to: { path: ['^functions/(?!runtime/|contracts/|ports/)', '^infra/'] },
    },
    {
      name: 'adapters-serve-ports',
      comment: 'Adapters implement ports; they never reach into a function, its use cases or messages.',
      severity: 'error',
      from: { path: '^functions/adapters/' },
      to: { path: [`^functions/(${FUNCTION_FOLDERS.slice(1, -1)}|messages)/`, '^infra/'] },
    },
    {
      name: 'console-queries-serve-readers',
      comment:
        'The reads and writes the CLI and the console API share (articles, stories, topics, SNS ' +
        'subscriptions, health) live below both, as adapters do: never a function, its messages or infra.',
      severity: 'error',
      from: { path: '^functions/console-queries/' },
      to: { path: [`^functions/(${FUNCTION_FOLDERS.slice(1, -1)}|messages)/`, '^infra/'] },
    },
    {
      name: 'use-cases-get-ports',
      comment: 'Use cases get their ports passed in: only a handler.ts builds adapters.',
      severity: 'error',
      from: {
        path: `^functions/${FUNCTION_FOLDERS}/`,
        pathNot: `^functions/${FUNCTION_FOLDERS}/handler\\.ts$`,
      },
      // console-queries are adapters too (they call DynamoDB, SNS, SQS, CloudWatch).
      to: { path: '^functions/(adapters|console-queries)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'functions-stay-apart',
      comment: 'Each function folder is its own bundle; what two share lives below them.',
      severity: 'error',
      from: { path: `^functions/${FUNCTION_FOLDERS}/`, pathNot: '^functions/reprocess/' },
      to: { path: `^functions/${FUNCTION_FOLDERS}/`, pathNot: '^functions/$1/' },
    },
    {
      name: 'reprocess-reuses-ingest',
      comment:
        'The reprocess function runs the ingest use case over listed objects (the one exception to ' +
        'functions-stay-apart): it may import ingest, never alert or digest, which it must not trigger.',
      severity: 'error',
      from: { path: '^functions/reprocess/' },
      to: { path: '^functions/(alert|digest)/' },
    },
    {
      name: 'console-app-reads-contracts-only',
      comment:
        'The browser app (functions/console) is its own bundle: it reads the API contract and the ' +
        'vocabulary, and imports no function code, no AWS and nothing of Node.',
      severity: 'error',
      from: { path: '^functions/console/' },
      to: {
        path: ['^functions/(?!console/|contracts/)', '^infra/', AWS_RUNTIME],
      },
    },
    {
      name: 'nothing-imports-the-console-app',
      comment:
        'No function or program loads the browser app; the CDK app and the local console serve its build.',
      severity: 'error',
      from: { path: '^(functions|infra)/', pathNot: '^functions/console/' },
      to: { path: '^functions/console/' },
    },
    {
      name: 'functions-never-import-infra',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^infra/' },
    },
    {
      name: 'cdk-reads-contracts-only',
      comment: 'The CDK app names resources and grants; it never loads function code.',
      severity: 'error',
      from: { path: '^infra/cdk/' },
      to: { path: '^functions/(?!contracts/)' },
    },
    {
      name: 'local-twin-reads-contracts-only',
      comment: 'The local twin runs the real handlers by their entry paths, never by importing code.',
      severity: 'error',
      from: { path: '^infra/local/' },
      to: { path: '^functions/(?!contracts/)' },
    },
    {
      name: 'cli-no-use-case-internals',
      comment:
        'The CLI composes like a handler: contracts, domain, ports, messages and adapters; a use case only ' +
        'through its handler (the --local path runs the real one) or as a type.',
      severity: 'error',
      from: { path: '^infra/cli/' },
      to: {
        path: `^functions/${FUNCTION_FOLDERS}/`,
        pathNot: `^functions/${FUNCTION_FOLDERS}/handler\\.ts$`,
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'infra-programs-stay-apart',
      comment:
        'The CDK app, the CLI, the local twin and the training scripts are four programs; the CLI may ' +
        'start the twin.',
      severity: 'error',
      from: { path: '^infra/(cdk|local|training)/' },
      to: { path: '^infra/cli/' },
    },
    {
      name: 'programs-leave-training-alone',
      comment: 'The training scripts are offline tools: no deployed or local program loads them.',
      severity: 'error',
      from: { path: '^infra/(cdk|local|cli)/' },
      to: { path: '^infra/training/' },
    },
    {
      name: 'training-reads-domain-only',
      comment:
        'Training scripts read corpora and write weights for the domain: they import the domain (its ' +
        'feature code is what the weights are for) and nothing else of the functions.',
      severity: 'error',
      from: { path: '^infra/training/' },
      to: { path: ['^functions/(?!domain/)', '^infra/(cdk|local|cli)/'] },
    },
    {
      name: 'peers-stay-in-the-evals',
      comment:
        'chrono-node and compromise are the peers the date and entity evaluations measure against ' +
        '(test/eval/language/eval-dates.ts, eval-entities.ts): the product reads dates with its own grammar and ' +
        'entities with its own tagger, and never loads them.',
      severity: 'error',
      from: { path: '^(functions|infra)/' },
      to: { path: '^node_modules/(chrono-node|compromise)/' },
    },
    {
      name: 'product-never-imports-tests',
      severity: 'error',
      from: { path: '^(functions|infra)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|\\.local|coverage|functions/console/dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
