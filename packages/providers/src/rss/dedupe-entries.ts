import type { FeedEntry } from './parse-feed.js';

// Query parameters that only track the reader; two links differing in them are the same article.
const TRACKING_PARAMS = /^(utm_.*|\.tsrc|guccounter|guce_.*|ncid|cmpid|soc_src|soc_trk|mod|ref|rss)$/i;

/** An entry with a publication time, which is all {@link dedupeEntries} keeps. */
export type DatedFeedEntry = FeedEntry & { publishedAt: number };

/** Two entries with the same normalised title this close in time are one story. */
export const SAME_STORY_WINDOW_MS = 2 * 86_400_000;

/**
 * Drops repeated stories. Two entries are the same story when they share a guid, or a link
 * (compared without fragment, tracking parameters, trailing slash, and case of scheme and host),
 * or a normalised title (case, accents, punctuation and spacing ignored) within
 * {@link SAME_STORY_WINDOW_MS}: feeds repeat items, and syndicated copies carry new guids and links
 * but the same headline, while recurring headlines ("Stocks making the biggest moves midday") on
 * different days are different stories. Of each story the earliest publication is kept, since a
 * re-post brings no new information. Returns entries oldest first.
 */
export function dedupeEntries(entries: readonly DatedFeedEntry[]): DatedFeedEntry[] {
  const seenIds = new Set<string>();
  const keptTitleAt = new Map<string, number>();
  const kept: DatedFeedEntry[] = [];
  const oldestFirst = [...entries].sort((a, b) => a.publishedAt - b.publishedAt);
  for (const entry of oldestFirst) {
    const ids: string[] = [];
    if (entry.guid) ids.push(`guid:${entry.guid}`);
    if (entry.link) ids.push(`link:${normaliseLink(entry.link)}`);
    const title = normaliseTitle(entry.title);
    const titleAt = keptTitleAt.get(title);
    const repeated =
      ids.some((id) => seenIds.has(id)) ||
      (titleAt !== undefined && entry.publishedAt - titleAt <= SAME_STORY_WINDOW_MS);
    for (const id of ids) seenIds.add(id);
    if (repeated) continue;
    keptTitleAt.set(title, entry.publishedAt);
    kept.push(entry);
  }
  return kept;
}

/** Lower case, letters and digits only, single spaces. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A link without fragment, tracking parameters and trailing slash; scheme and host in lower case. */
export function normaliseLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return link.trim();
  }
  url.hash = '';
  for (const name of [...url.searchParams.keys()])
    if (TRACKING_PARAMS.test(name)) url.searchParams.delete(name);
  url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url.toString().replace(/\?$/, '');
}
