// The fixed split of a labelled face set into a development part (thresholds and rules are chosen
// on it) and a held-out part (only reported on), BY IDENTITY: no person is on both sides. Within
// each stratum (group × role) identities are ordered by the sha256 of their name and dealt out
// alternately, so the split is stable, needs no list to maintain and keeps both parts alike in
// East Asian share and in multi-photo / single-photo people.
import { createHash } from 'node:crypto';
import type { LabelledImage } from './dataset';

export type SplitPart = 'dev' | 'held-out';

export function splitByIdentity(images: readonly LabelledImage[]): Map<string, SplitPart> {
  const strata = new Map<string, string[]>();
  for (const image of images) {
    const key = `${image.group}/${image.role}`;
    const list = strata.get(key) ?? [];
    if (!list.includes(image.identity)) list.push(image.identity);
    strata.set(key, list);
  }
  const part = new Map<string, SplitPart>();
  const hash = (s: string) => createHash('sha256').update(`uketsuke-face-split:${s}`).digest('hex');
  for (const identities of strata.values())
    identities
      .map((identity) => ({ identity, h: hash(identity) }))
      .sort((a, b) => (a.h < b.h ? -1 : 1))
      .forEach(({ identity }, i) => part.set(identity, i % 2 === 0 ? 'dev' : 'held-out'));
  return part;
}
