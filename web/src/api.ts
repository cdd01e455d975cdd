import { accessToken, endSession, refresh, session } from './session.js';

export interface Problem {
  status: number;
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(describe(status, problem));
  }
}

/** The login ended (refresh token spent, revoked or expired): the app returns to sign-in. */
export class SessionEnded extends Error {}

function describe(status: number, problem: Problem | null): string {
  if (!problem?.detail) return `Something went wrong (${status}). Please try again.`;
  // The detail usually names the fields already; add those it does not.
  const missing = (problem.errors ?? []).filter((e) => !problem.detail!.includes(e.message));
  return missing.length ? `${problem.detail} (${missing.map((e) => `${e.field}: ${e.message}`).join('; ')})` : problem.detail;
}

interface Options {
  auth?: boolean;
  keepalive?: boolean;
}

/** One /v1 call: JSON in and out, the bearer token attached, one refresh-and-retry on a 401. */
export async function api<T = unknown>(method: string, path: string, body?: unknown, options: Options = {}): Promise<T> {
  const auth = options.auth ?? true;
  const send = (token: string | null) =>
    fetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      keepalive: options.keepalive,
    });
  let response: Response;
  if (auth) {
    const token = await accessToken();
    if (!token) throw new SessionEnded();
    response = await send(token);
    if (response.status === 401) {
      if ((await refresh()) === 'ended') throw new SessionEnded();
      response = await send(session()?.accessToken ?? null);
      if (response.status === 401) {
        endSession('ended');
        throw new SessionEnded();
      }
    }
  } else {
    response = await send(null);
  }
  const text = response.status === 204 ? '' : await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, (data as Problem | undefined) ?? null);
  return data as T;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
