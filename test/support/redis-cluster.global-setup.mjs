// Starts the local Redis Cluster of the cluster pass; test/support/test-app.ts reads TEST_REDIS_CLUSTER_NODES.
import { startCluster } from '../../scripts/redis-cluster.mjs';

export default async function setup() {
  const { dir, nodes } = await startCluster({ masters: 3 });
  process.env.TEST_REDIS_CLUSTER_NODES = nodes;
  process.env.TEST_REDIS_CLUSTER_DIR = dir;
}
