import { stdSerializers } from 'pino';

const REDACTED = '[Redacted]';
// Query parameters whose values are credentials, matched after decoding (`acc%65ss_token` too).
const SECRET_QUERY_NAME = /token|password|secret/i;

const decodeName = (name: string): string => {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
};

/** The URL with the value of every credential-like query parameter replaced, however its name is escaped. */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return SECRET_QUERY_NAME.test(decodeName(name)) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}

/** A logged request (RequestLog's `req`), its URL redacted. */
export function serializeRequest<T extends { url?: string }>(req: T): T {
  if (typeof req.url === 'string') req.url = redactUrl(req.url);
  return req;
}

// Values a failed query carries: bound parameters (an argon2 hash among them, once) and Postgres'
// `detail` ("Key (email)=(...) already exists"). The SQL text and error code stay: they name no data.
const VALUE_CARRYING_FIELDS = ['parameters', 'driverError', 'detail', 'where'];

/** pino's error serializer without the values of a failed query. */
export function serializeError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const serialized = { ...(stdSerializers.err(error as Error) as unknown as Record<string, unknown>) };
  for (const field of VALUE_CARRYING_FIELDS) delete serialized[field];
  return serialized;
}

/** pino options shared by every process: the one redaction every log line goes through. */
export const LOG_REDACTION = {
  redact: ['req.headers.authorization', 'req.headers.cookie', 'req.query.access_token'],
  serializers: { req: serializeRequest, err: serializeError, url: (url: unknown) => (typeof url === 'string' ? redactUrl(url) : url) },
};
