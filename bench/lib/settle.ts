const WINDOW_MS = 200;
const IDLE_SHARE = 0.15;

/**
 * Waits until this process is nearly idle: requests a load generator left queued in the API when
 * its run ended would otherwise still be served during the next measurement.
 */
export async function settle(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = process.cpuUsage();
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const used = process.cpuUsage(before);
    if ((used.user + used.system) / 1000 / WINDOW_MS < IDLE_SHARE || Date.now() > deadline) return;
  }
}
