import { stopCluster } from '../../scripts/redis-cluster.mjs';

export default function teardown() {
  if (process.env.TEST_REDIS_CLUSTER_DIR) stopCluster(process.env.TEST_REDIS_CLUSTER_DIR);
}
