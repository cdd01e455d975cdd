import { decayAffinity } from '../ranking/affinity';
import type { AffinityParams } from '../ranking/ranking-parameters';
import type { ReaderState } from '../reader-state/reader-state';

/** The reader state's topic affinities, each decayed to `now`. */
export function affinitiesAt(state: ReaderState, now: number, params: AffinityParams): Map<string, number> {
  const affinities = new Map<string, number>();
  for (const [topic, score, at] of state.affinities) affinities.set(topic, decayAffinity(score, at, now, params));
  return affinities;
}
