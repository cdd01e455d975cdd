export interface ClusterNodes {
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
  tls: boolean;
}

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/**
 * REDIS_CLUSTER_NODES: comma-separated seed nodes, each `host:port` or a `redis://` / `rediss://` URL. Credentials
 * and TLS come from the URL entries and apply to every node (a cluster has one password); a database index is refused,
 * since a cluster has only database 0. Returns the problem as a string when the value is not usable.
 */
export function parseClusterNodes(value: string): ClusterNodes | string {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return 'must list at least one host:port';
  const parsed: ClusterNodes = { nodes: [], tls: false };
  const schemes = new Set<string>();
  for (const entry of entries) {
    if (/^rediss?:\/\//.test(entry)) {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        return `"${entry}" is not a valid URL`;
      }
      if (url.pathname && url.pathname !== '/') return `"${entry}" names a database: a Redis Cluster has only database 0`;
      const port = Number(url.port || 6379);
      schemes.add(url.protocol);
      parsed.tls ||= url.protocol === 'rediss:';
      if (url.username) parsed.username = decodeURIComponent(url.username);
      if (url.password) parsed.password = decodeURIComponent(url.password);
      parsed.nodes.push({ host: url.hostname.replace(/^\[|\]$/g, ''), port });
      continue;
    }
    const match = HOST_PORT.exec(entry);
    if (!match) return `"${entry}" is neither host:port nor a redis:// URL`;
    parsed.nodes.push({ host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]) });
  }
  if (parsed.nodes.some((n) => n.port < 1 || n.port > 65535)) return 'every port must be 1..65535';
  // A bare host:port takes the scheme of the URL entries; TLS is for every node or none.
  if (schemes.size > 1) return 'mixes redis:// and rediss:// (TLS is for every node or none)';
  return parsed;
}
