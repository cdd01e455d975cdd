export const perSecond = (n: number): string =>
  !Number.isFinite(n) ? '—' : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M/s` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k/s` : `${n.toFixed(0)}/s`;

export const ms = (n: number): string => (!Number.isFinite(n) ? '—' : n >= 100 ? `${n.toFixed(0)} ms` : `${n.toFixed(1)} ms`);

export const bytes = (n: number): string =>
  !Number.isFinite(n) ? '—' : n >= 10_000 ? `${(n / 1024).toFixed(1)} KiB` : `${n.toFixed(1)} B`;

export const count = (n: number): string =>
  n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n);

export const ratio = (n: number | null): string => (n === null || !Number.isFinite(n) ? '—' : `${n.toFixed(2)}×`);
