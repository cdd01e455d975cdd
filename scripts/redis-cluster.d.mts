// Types of redis-cluster.mjs for the TypeScript tests that start a cluster of their own.
export function startCluster(options?: {
  masters?: number;
  replicas?: number;
  nodeTimeoutMs?: number;
}): Promise<{ dir: string; nodes: string }>;
export function killNode(dir: string, port: number): void;
export function stopCluster(dir: string): void;
