import type { Tokens } from './types.js';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  lifetimeMs: number;
}
export type SessionEnd = 'signed-out' | 'ended';
type Listener = (session: StoredSession | null, end?: SessionEnd) => void;

const STORAGE_KEY = 'mynews.session';
const listeners = new Set<Listener>();
let current: StoredSession | null = readStored();
let refreshTimer: number | undefined;
let refreshing: Promise<'ok' | 'ended'> | null = null;

function readStored(): StoredSession | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    return parsed && typeof parsed.refreshToken === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** Refresh well before expiry: a minute early for long-lived tokens, at 70% of the lifetime for short ones. */
function refreshMargin(session: StoredSession): number {
  return Math.min(60_000, session.lifetimeMs * 0.3);
}

function notify(end?: SessionEnd): void {
  for (const listener of listeners) listener(current, end);
}

function schedule(): void {
  window.clearTimeout(refreshTimer);
  if (!current) return;
  const delay = Math.max(1000, current.expiresAt - refreshMargin(current) - Date.now());
  refreshTimer = window.setTimeout(() => void refresh().catch(() => schedule()), delay);
}

export function session(): StoredSession | null {
  return current;
}

export function onSessionChange(listener: Listener): void {
  listeners.add(listener);
}

export function startSession(tokens: Tokens): void {
  const lifetimeMs = tokens.expiresIn * 1000;
  current = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: Date.now() + lifetimeMs, lifetimeMs };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  schedule();
  notify();
}

export function endSession(end: SessionEnd): void {
  window.clearTimeout(refreshTimer);
  const had = current !== null;
  current = null;
  localStorage.removeItem(STORAGE_KEY);
  if (had) notify(end);
}

/** The access token, refreshed first when it is about to expire (timers sleep with the laptop). */
export async function accessToken(): Promise<string | null> {
  if (current && current.expiresAt - Date.now() < 10_000) await refresh();
  return current?.accessToken ?? null;
}

/** One refresh at a time, across tabs too: a refresh token presented twice would end the login. */
export function refresh(): Promise<'ok' | 'ended'> {
  refreshing ??= (navigator.locks ? navigator.locks.request('mynews-refresh', refreshOnce) : refreshOnce()).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function refreshOnce(): Promise<'ok' | 'ended'> {
  const stored = readStored();
  if (!stored) {
    endSession('ended');
    return 'ended';
  }
  if (current && stored.refreshToken !== current.refreshToken && stored.expiresAt - Date.now() > refreshMargin(stored)) {
    current = stored; // another tab refreshed already
    schedule();
    notify();
    return 'ok';
  }
  const response = await fetch('/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: stored.refreshToken }),
    cache: 'no-store',
  });
  if (response.status === 401 || response.status === 400) {
    endSession('ended');
    return 'ended';
  }
  if (!response.ok) throw new Error(`refresh failed: ${response.status}`);
  const body = (await response.json()) as { tokens: Tokens };
  startSession(body.tokens);
  return 'ok';
}

window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  const stored = readStored();
  if (!stored) {
    endSession(current ? 'signed-out' : 'ended');
    return;
  }
  current = stored;
  schedule();
  notify();
});

if (current) schedule();
