import { parseClusterNodes } from './cluster-nodes';

describe('parseClusterNodes', () => {
  it('takes host:port entries and URLs, credentials and TLS from the URLs', () => {
    expect(parseClusterNodes('rediss://app:s%40cret@cfg.cache.example:6379,node-2.cache.example:6380')).toEqual({
      nodes: [
        { host: 'cfg.cache.example', port: 6379 },
        { host: 'node-2.cache.example', port: 6380 },
      ],
      username: 'app',
      password: 's@cret',
      tls: true,
    });
    expect(parseClusterNodes('[::1]:7000')).toEqual({ nodes: [{ host: '::1', port: 7000 }], tls: false });
  });

  it('names what is wrong', () => {
    expect(parseClusterNodes('127.0.0.1:70000')).toBe('every port must be 1..65535');
    expect(parseClusterNodes('redis://a:1,rediss://b:2')).toMatch(/mixes redis:\/\/ and rediss:\/\//);
    expect(parseClusterNodes('http://a:1')).toMatch(/neither host:port nor a redis:\/\/ URL/);
  });
});
