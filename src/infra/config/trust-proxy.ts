import { isIP } from 'node:net';

/** What Fastify's `trustProxy` is given: no proxy, a hop count, or the proxies' addresses/CIDRs. */
export type TrustProxy = false | number | string[];

const MAX_HOPS = 32;

/**
 * TRUST_PROXY: a hop count (`2`) or a comma-separated list of addresses/CIDRs (`10.0.0.0/8,::1`).
 * The client is then the last X-Forwarded-For address the trusted proxies did not add. `true` is
 * not accepted: trusting every hop lets a client pick its own address. Undefined when invalid.
 */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= MAX_HOPS ? hops : undefined;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isAddressOrCidr) ? entries : undefined;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Fastify's own form of it. Fastify 5 takes a bare number as "trust nothing" (it cannot tell who the
 * nearest peer is), so a hop count becomes proxy-addr's (address, hop index) function: the nearest
 * `hops` addresses (the connection's peer first) are the proxies'.
 */
export function fastifyTrustProxy(setting: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}
