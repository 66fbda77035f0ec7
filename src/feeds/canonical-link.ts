/**
 * The canonical form of an article link: the same article reached from two
 * feeds (or twice from one, with different campaign tags) is one document.
 * Dropped: the fragment, tracking parameters (utm_*, fbclid, gclid and the
 * other click ids of ad and mail platforms), a default port, an empty query;
 * the scheme and host are lower-cased (URL does that). Nothing else is
 * changed: a path or a remaining parameter may well tell articles apart.
 */
const TRACKING = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id',
  'rb_clickid', 's_cid', 'cmpid', 'ncid', 'ocid', 'ref_src', 'ref_url', 'spm',
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING.has(n);
}

/** The canonical link, or null when `link` is not an http(s) URL (relative ones resolved against `base`). */
export function canonicalLink(link: string | null | undefined, base?: string | null): string | null {
  if (!link || link.trim() === '') return null;
  let url: URL;
  try {
    url = base ? new URL(link.trim(), base) : new URL(link.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) if (isTracking(name)) url.searchParams.delete(name);
  if ([...url.searchParams.keys()].length === 0) url.search = '';
  return url.href;
}
