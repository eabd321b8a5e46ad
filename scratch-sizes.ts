import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { startLocalStack } from './infra/local/local-stack';
import { runLocalPipeline } from './infra/local/pipeline';
import { itemBytes, valueBytes, type DynamoValue } from './test/bench/cost-model';
const stack = await startLocalStack({ alertsFile: null });
try {
  await runLocalPipeline({ inputDir: process.argv[2] ?? 'seeds/articles', stack });
  const page = await stack.clients.dynamodb.send(new ScanCommand({ TableName: stack.tableName }));
  const sums = new Map<string, number>(); let n = 0; let total = 0;
  for (const raw of page.Items ?? []) {
    const item = raw as Record<string, DynamoValue>;
    if ((item.type as { S: string }).S !== 'Article') continue;
    n++; total += itemBytes(item);
    for (const [k, v] of Object.entries(item)) sums.set(k, (sums.get(k) ?? 0) + k.length + valueBytes(v));
  }
  console.log('articles', n, 'avg', Math.round(total / n));
  for (const [k, v] of [...sums].sort((a, b) => b[1] - a[1])) console.log(k.padEnd(16), Math.round(v / n));
} finally { await stack.stop(); }
