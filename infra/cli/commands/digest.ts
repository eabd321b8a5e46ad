import type { Command } from 'commander';
import { countOf } from '../../../functions/messages/digest-message';
import type { DeployedBackend, LocalBackend } from '../environment';
import { renderJson } from '../output';
import type { RegisterCommand } from '../command-context';
import type { DigestOutcome } from '../operations/digest';

/** `digest [--topic id…]`: today's digests now (each day is sent once, whoever triggers it). */
export const registerDigest: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('digest')
    .description("send today's daily digest now (each day is sent once, whoever triggers it)")
    .option('--topic <id...>', 'only these digest-mode topics')
    .action(async (opts: { topic?: string[] }, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { runDigest, runLocalDigest } = await import('../operations/digest');
        const topicIds = opts.topic ?? [];
        const outcome =
          backend.mode === 'local'
            ? await runLocalDigest(backend as LocalBackend, topicIds)
            : await runDigest(backend as DeployedBackend, topicIds);
        print(g.json ? renderJson(outcome) : formatDigest(outcome));
      });
    });
};

export function formatDigest({ run, messages }: DigestOutcome): string {
  const lines = [`digest for ${run.day}:`];
  for (const sent of run.sent) {
    lines.push(
      `  sent     ${sent.topicId}: ${countOf(sent.stories, 'story', 'stories')} from ${countOf(sent.matches, 'match', 'matches')} (${sent.messageId})`,
    );
  }
  for (const skipped of run.skipped) lines.push(`  skipped  ${skipped.topicId}: ${skipped.reason}`);
  if (run.sent.length === 0 && run.skipped.length === 0) lines.push('  no digest-mode topics');
  for (const message of messages ?? [])
    lines.push('', `  ${message.subject}`, ...message.body.split('\n').map((l) => `    ${l}`));
  return `${lines.join('\n')}\n`;
}
