import type { Command } from 'commander';
import { ArticlesRepository } from '../../articles/articles.repository';
import { alertJobIds } from '../../infra/queues/job-catalogue';
import { JobProducer } from '../../infra/queues/job-producer.service';
import { cliAction } from '../cli-action';
import { CliError } from '../cli-error';
import { parseId } from '../cli-options';

export function registerAlertsReplayCommand(program: Command): void {
  program
    .command('alerts:replay')
    .description("enqueue a fresh alert plan for an article's current version")
    .argument('<articleId>', 'article id', parseId)
    .addHelpText(
      'after',
      `
The plan reads the article's candidate readers again and enqueues chunk jobs with ids of their own
(alerts-chunk.<id>.v<version>.<range>.replay-<time>), beside the original ones. Alerts already made are kept
as they are (one per reader and article, ever): a replay only makes the missing ones and sends on those never
sent (live stream, push). Readers muted or no longer following get nothing.
`,
    )
    .action(
      cliAction(async (context, articleId: string) => {
        const services = await context.services({ database: true });
        const article = await services.get(ArticlesRepository).fanoutHead(articleId);
        if (!article) throw new CliError(`there is no article with id ${articleId}`);
        if (article.status !== 'published') throw new CliError(`article ${articleId} is ${article.status}: only published articles alert`);
        const delayMs = article.publishedAt.getTime() - Date.now();
        const at = Date.now();
        const jobId = alertJobIds.replayPlan(articleId, article.version, at);
        const payload = { articleId, version: article.version, replay: String(at) };
        await services.get(JobProducer).enqueue({ name: 'alerts.plan', jobId, payload, delayMs });
        console.log(
          `Enqueued alerts.plan ${jobId} for article ${articleId} version ${article.version}` +
            (delayMs > 0 ? `, due at its publish time ${article.publishedAt.toISOString()}.` : '.'),
        );
      }),
    );
}
