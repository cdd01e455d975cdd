import { loadConfig } from '../../infra/config/app-config';
import { demoReport } from './demo-report';

const reader = { email: 'mei@example.com', token: 'token' };

describe('demoReport', () => {
  it('names the one Redis it uses, without its password', () => {
    const report = demoReport(loadConfig({ REDIS_URL: 'redis://:s3cret@127.0.0.1:6380/2' }), 'http://127.0.0.1:3000', reader, []);
    expect(report).toContain('Redis redis://:***@127.0.0.1:6380/2');
    expect(report).not.toContain('s3cret');
  });

  it('names the cluster nodes, not REDIS_URL, when REDIS_CLUSTER_NODES is set', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: 'redis://:s3cret@127.0.0.1:7001,127.0.0.1:7002' });
    const report = demoReport(config, 'http://127.0.0.1:3000', reader, []);
    expect(report).toContain('Redis Cluster 127.0.0.1:7001, 127.0.0.1:7002');
    expect(report).not.toContain('6379');
    expect(report).not.toContain('s3cret');
  });

  it('marks the item that leads a story with its article count', () => {
    const feed = [
      { headline: 'Working group meets', topics: [{ slug: 'us-china', name: 'US-China relations' }], storyCount: 3 },
      { headline: 'Typhoon signal No 8', topics: [{ slug: 'hk', name: 'Hong Kong' }] },
    ];
    const lines = demoReport(loadConfig({}), 'http://127.0.0.1:3000', reader, feed).split('\n');
    expect(lines.find((l) => l.includes('Working group meets'))).toContain('(a story of 3 articles, shown once)');
    expect(lines.find((l) => l.includes('Typhoon'))).not.toContain('story');
  });
});
