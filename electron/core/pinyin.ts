import { pinyin } from 'pinyin-pro';

const cache = new Map<string, string>();

/**
 * 拼音首字母 of a name, for the door's search (欧阳晓峰 → OYXF, with surnames read as surnames:
 * 单 → S). Characters without a reading (rare ones, ·) are left out. Cached: the same names are
 * searched all morning.
 */
export function nameInitials(name: string): string {
  let initials = cache.get(name);
  if (initials === undefined) {
    const letters = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
    initials = letters.filter((l) => /^[a-z]$/i.test(l)).join('').toUpperCase();
    cache.set(name, initials);
  }
  return initials;
}
