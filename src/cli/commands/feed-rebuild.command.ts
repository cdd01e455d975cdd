import { Presets, SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { cliAction } from '../cli-action';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { parseCount, parseId } from '../cli-options';
import { FeedRebuilder } from '../services/feed-rebuilder.service';
import { rebuildAll } from '../services/rebuild-all';
import { RebuildCheckpointStore } from '../services/rebuild-checkpoint.service';

interface FeedRebuildOptions {
  user?: string;
  all?: boolean;
  after?: string;
  resume?: boolean;
  batch: number;
  pageSize: number;
}

const EXIT_INTERRUPTED = 130; // 128 + SIGINT, what a shell reports for Ctrl-C

export function registerFeedRebuildCommand(program: Command): void {
  program
    .command('feed:rebuild')
    .description('rebuild feeds in Redis from Postgres: one reader, or every reader active within ACTIVE_DAYS')
    .addOption(new Option('--user <id>', "rebuild this user's feed").argParser(parseId).conflicts('all'))
    .option('--all', 'rebuild every active reader, in id order, with a progress bar')
    .addOption(new Option('--after <userId>', 'with --all: start after this user id').argParser(parseId).conflicts('resume'))
    .option('--resume', 'with --all: continue from the checkpoint an interrupted run left in Redis')
    .addOption(new Option('--batch <n>', 'feeds rebuilt at once (1..64)').argParser(parseCount(1, 64)).default(8))
    .addOption(new Option('--page-size <n>', 'users read per keyset page').argParser(parseCount(1, 10_000)).default(500).hideHelp())
    .addHelpText(
      'after',
      `
A rebuild is what a read does when a feed is missing: the reader's newest FEED_MAX_ITEMS articles are
merged into the feed (created if needed); entries already there are kept. Ctrl-C stops after the current
batch and prints the last user done; the run also keeps that checkpoint in Redis, so continue with
--after <id> or --resume.
`,
    )
    .action(
      cliAction(async (context, options: FeedRebuildOptions) => {
        if (Boolean(options.user) === Boolean(options.all)) throw new CliError('give either --user <id> or --all');
        if (!options.all && (options.after || options.resume)) throw new CliError('--after and --resume go with --all');
        const services = await context.services({ database: true });
        const rebuilder = services.get(FeedRebuilder);
        return options.user
          ? rebuildOne(rebuilder, options.user, context)
          : rebuildEveryone(rebuilder, services.get(RebuildCheckpointStore), options, context);
      }),
    );
}

async function rebuildOne(rebuilder: FeedRebuilder, userId: string, context: CliContext): Promise<void> {
  const lastActiveAt = await rebuilder.lastActiveAt(userId);
  if (!lastActiveAt) throw new CliError(`there is no user with id ${userId}`);
  const { records } = await rebuilder.rebuild(userId);
  console.log(`Rebuilt the feed of user ${userId}: ${records} entries.`);
  if (lastActiveAt < rebuilder.activeSince()) {
    console.log(
      `Note: user ${userId} was last active ${lastActiveAt.toISOString()}, over ACTIVE_DAYS=${context.config.ACTIVE_DAYS} days ago: ` +
        'fan-out skips them, and their next read rebuilds the feed again.',
    );
  }
}

async function rebuildEveryone(
  rebuilder: FeedRebuilder,
  checkpoints: RebuildCheckpointStore,
  options: FeedRebuildOptions,
  context: CliContext,
): Promise<number> {
  let after = options.after ?? '0';
  let since = rebuilder.activeSince();
  if (options.resume) {
    const checkpoint = await checkpoints.read();
    if (!checkpoint) {
      throw new CliError(
        'there is no checkpoint to resume from (no run was interrupted, or the last one finished); run feed:rebuild --all',
      );
    }
    after = checkpoint.after;
    since = new Date(checkpoint.activeSince);
  }
  const total = await rebuilder.countActive(since, after);
  console.log(
    `Rebuilding the feeds of ${total} readers active since ${since.toISOString()} (ACTIVE_DAYS=${context.config.ACTIVE_DAYS})` +
      (after === '0' ? '.' : `, after user ${after}.`),
  );

  // Ctrl-C once: finish the batch in flight, save the checkpoint, say where to continue. Twice: stop now.
  let stopRequested = false;
  let lastId = after;
  const onInterrupt = () => {
    if (stopRequested) {
      console.error(`\nStopped. The last user done is ${lastId}: continue with --after ${lastId}`);
      process.exit(EXIT_INTERRUPTED);
    }
    stopRequested = true;
    console.error('\nStopping after the current batch (Ctrl-C again to stop at once)...');
  };
  const bar = new SingleBar(
    { format: 'feeds {bar} {value}/{total} | last user {lastId} | eta {eta_formatted}', hideCursor: true },
    Presets.shades_classic,
  );
  process.on('SIGINT', onInterrupt);
  bar.start(total, 0, { lastId: after });
  try {
    const result = await rebuildAll(rebuilder, checkpoints, {
      since,
      after,
      batch: options.batch,
      pageSize: options.pageSize,
      stopRequested: () => stopRequested,
      onBatch: (progress) => {
        lastId = progress.lastId;
        // Readers who became active during the run come on top of the count taken at the start.
        if (progress.done > bar.getTotal()) bar.setTotal(progress.done);
        bar.update(progress.done, { lastId });
      },
    });
    bar.stop();
    if (result.interrupted) {
      console.log(
        `Interrupted after ${result.done} feeds. The last user done is ${result.lastId}; continue with:\n` +
          `  npm run cli -- feed:rebuild --all --after ${result.lastId}    (or --resume)`,
      );
      return EXIT_INTERRUPTED;
    }
    console.log(`Done: ${result.done} feeds rebuilt` + (result.done ? `, the last user ${result.lastId}.` : '.'));
    return 0;
  } catch (error) {
    bar.stop();
    console.error(`The last user done is ${lastId}; after fixing the cause, continue with --after ${lastId} (or --resume).`);
    throw error;
  } finally {
    bar.stop();
    process.removeListener('SIGINT', onInterrupt);
  }
}
