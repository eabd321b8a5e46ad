import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag 3 names each IAM wildcard finding after the flattened resource or action, e.g.
 * `AwsSolutions-IAM5[Resource::<ArticlesBucket1234.Arn>/articles/*]`. Acknowledgements must use
 * that exact id, so build it from the same token the policy uses instead of copying a logical id.
 * Mirrors cdk-nag's (non-exported) `flattenCfnReference`.
 */
export const iam5ResourceFinding = (scope: IConstruct, resource: string): string =>
  `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(resource))}]`;

const flatten = (node: unknown): string => {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    const join = record['Fn::Join'];
    if (Array.isArray(join)) {
      const [delimiter, items] = join as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (record['Fn::Sub'] !== undefined) return flatten(record['Fn::Sub']);
    const getAtt = record['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${flatten(getAtt[0])}.${flatten(getAtt[1])}>`;
    if (record['Fn::ImportValue'] !== undefined) return flatten(record['Fn::ImportValue']);
    if (record.Ref !== undefined) return `<${flatten(record.Ref)}>`;
  }
  return JSON.stringify(node);
};

/**
 * The AwsSolutions-IAM5 finding ids of every wildcard action and resource in a policy document,
 * for a policy CDK writes itself (a custom resource's role) whose statements are not ours to name.
 */
export const iam5FindingsOfDocument = (scope: IConstruct, document: unknown): string[] => {
  const resolved = Stack.of(scope).resolve(document) as { Statement?: Record<string, unknown>[] };
  const list = (value: unknown): unknown[] =>
    Array.isArray(value) ? value : value === undefined ? [] : [value];
  const findings = new Set<string>();
  for (const statement of resolved.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of list(statement.Action)) {
      if (typeof action === 'string' && action.includes('*'))
        findings.add(`AwsSolutions-IAM5[Action::${action}]`);
    }
    for (const resource of list(statement.Resource)) {
      const flat = flatten(resource);
      if (flat.includes('*')) findings.add(`AwsSolutions-IAM5[Resource::${flat}]`);
    }
  }
  return [...findings];
};
