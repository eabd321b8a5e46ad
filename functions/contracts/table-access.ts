/**
 * The DynamoDB item actions each function's adapters issue (functions/adapters), granted exactly by
 * the table construct (infra/cdk/constructs/storage/articles-table.ts): written beside the code's
 * names rather than in the construct, so a new call in an adapter and its grant change together.
 */
export const TABLE_ACCESS = {
  /**
   * DynamoArticleRepository: conditional puts of Article, Rejection and DeletedArticle items, a
   * transaction for rejections (ConditionCheckItem), and on deletion a Query of the key's items
   * and DeleteItem of its entries and matches. DynamoStoryIndex: BatchGetItem of story slots and
   * states, PutItem of a state, UpdateItem of a slot, DeleteItem of a state that lost a race.
   */
  ingest: [
    'dynamodb:PutItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:Query',
    'dynamodb:BatchGetItem',
    'dynamodb:UpdateItem',
  ],
  /**
   * DynamoStoryLedger: consistent read of the story (GetItem), conditional claim (PutItem),
   * markSent (UpdateItem), release (DeleteItem); DynamoMatchRepository and
   * DynamoDigestLedger.addPending: PutItem.
   */
  alert: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  /**
   * DynamoDigestLedger: pending (Query on the table), wasSent (GetItem), claimDay (PutItem),
   * release (DeleteItem), markSent (UpdateItem, then BatchWriteItem deletes of the sent entries).
   */
  /**
   * The ingest use case's actions (it writes as ingest does), plus GetItem: --topics-only reads
   * the stored article's story and writes Match items (PutItem).
   */
  reprocess: [
    'dynamodb:PutItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:Query',
    'dynamodb:BatchGetItem',
    'dynamodb:UpdateItem',
    'dynamodb:GetItem',
  ],
  /**
   * DynamoSourceRepository, as the poller uses it: list (Query on gsi1, then BatchGetItem of the
   * Source items), recordPoll (UpdateItem), markSeen (conditional PutItem of a SourceEntry) and
   * unmarkSeen (DeleteItem). Confined to `SOURCE#…` partitions by the grant.
   */
  poller: ['dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  /** DynamoWebhookRepository.list, as the delivery function uses it: one Query of `WEBHOOKS`. */
  delivery: ['dynamodb:Query'],
  digest: [
    'dynamodb:Query',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
} as const;
