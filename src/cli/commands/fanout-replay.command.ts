import type { Command } from 'commander';
import { ArticlesRepository } from '../../articles/articles.repository';
import { jobIds } from '../../infra/queues/job-catalogue';
import { JobProducer } from '../../infra/queues/job-producer.service';
import { cliAction } from '../cli-action';
import { CliError } from '../cli-error';
import { parseId } from '../cli-options';

interface FanoutReplayOptions {
  article: string;
}

export function registerFanoutReplayCommand(program: Command): void {
  program
    .command('fanout:replay')
    .description("enqueue a fresh fan-out plan for an article's current version")
    .requiredOption('--article <id>', 'article id', parseId)
    .addHelpText(
      'after',
      `
The plan job gets its own id (replay.<id>.v<version>.<time>); the original plan.<id>.v<version> is kept.
It reads the article's active followers again and cuts them into the same per-version chunks. What it
re-delivers: chunks that never landed, i.e. whose done-marker (kept 7 days) is missing and whose chunk job
BullMQ no longer holds (completed ones are kept up to an hour). Chunks already applied for this version are
skipped whole, and a chunk job still kept as failed is not added again: retry those with jobs:retry.
An entry delivered twice is harmless: feeds collapse repeated records at read and on merge.
Readers who follow a topic later need no replay: following backfills the topic's recent articles.
`,
    )
    .action(
      cliAction(async (context, options: FanoutReplayOptions) => {
        const services = await context.services({ database: true });
        const article = await services.get(ArticlesRepository).fanoutHead(options.article);
        if (!article) throw new CliError(`there is no article with id ${options.article}`);
        if (article.status !== 'published') {
          throw new CliError(`article ${options.article} is ${article.status}: only published articles are fanned out`);
        }
        const jobId = jobIds.replayPlan(options.article, article.version, Date.now());
        const delayMs = article.publishedAt.getTime() - Date.now();
        await services.get(JobProducer).enqueue({
          name: 'fanout.plan',
          jobId,
          payload: { articleId: options.article, version: article.version },
          delayMs,
        });
        console.log(
          `Enqueued fanout.plan ${jobId} for article ${options.article} version ${article.version}` +
            (delayMs > 0 ? `, due at its publish time ${article.publishedAt.toISOString()}.` : '.'),
        );
      }),
    );
}
