/**
 * HTTP content negotiation on `Accept` (RFC 9110 §12.5.1): each offered type takes the quality of
 * the most specific range that matches it; the highest quality wins, ties go to the server's order.
 */

interface MediaRange {
  type: string;
  subtype: string;
  quality: number;
  /** 2 for type/subtype, 1 for type/*, 0 for * /*. */
  specificity: number;
}

/**
 * The type of `offered` (most preferred first) the client ranks highest, or undefined when it
 * accepts none. No `Accept` header means the client takes anything, so it gets our first choice.
 */
export function negotiateMediaType<T extends string>(accept: string | undefined, offered: readonly T[]): T | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const ranges = parseAccept(accept);
  let best: T | undefined;
  let bestQuality = 0;
  for (const candidate of offered) {
    const slash = candidate.indexOf('/');
    const quality = qualityOf(ranges, candidate.slice(0, slash), candidate.slice(slash + 1));
    if (quality > bestQuality) {
      best = candidate;
      bestQuality = quality;
    }
  }
  return best;
}

function qualityOf(ranges: readonly MediaRange[], type: string, subtype: string): number {
  let quality = 0;
  let specificity = -1;
  for (const range of ranges) {
    const matches =
      (range.type === '*' || range.type === type) && (range.subtype === '*' || range.subtype === subtype);
    if (matches && range.specificity > specificity) {
      quality = range.quality;
      specificity = range.specificity;
    }
  }
  return quality;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [mediaRange = '', ...parameters] = part.split(';');
    const [type = '', subtype = ''] = mediaRange.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let quality = 1;
    let utf8 = true;
    for (const parameter of parameters) {
      const [name = '', value = ''] = parameter.split('=').map((s) => s.trim().toLowerCase());
      if (name === 'q') quality = Number.isFinite(Number(value)) ? Math.min(Math.max(Number(value), 0), 1) : 0;
      // We only write UTF-8; a range asking for another charset does not match our types.
      else if (name === 'charset') utf8 = value === 'utf-8' || value === 'utf8';
    }
    if (!utf8) continue;
    ranges.push({ type, subtype, quality, specificity: type === '*' ? 0 : subtype === '*' ? 1 : 2 });
  }
  return ranges;
}
