import type { XMLParser } from 'fast-xml-parser';
import { InvalidResponseError, type ProviderErrorContext } from '../errors/index.js';
import { requireOnFirstUse } from '../require-on-first-use.js';
import { htmlToText } from './html-text.js';

/** One entry of an RSS or Atom feed, as plain text. */
export interface FeedEntry {
  title: string;
  /** Link to the article (RSS `link`, Atom `link rel="alternate"`). */
  link?: string;
  /** RSS `guid` / Atom `id`. */
  guid?: string;
  summary?: string;
  /** Publication time (epoch ms), when the entry has a readable one. */
  publishedAt?: number;
}

type FastXmlParser = typeof import('fast-xml-parser');
let parser: XMLParser | undefined;

/** The feed parser, made on first use (fast-xml-parser is loaded only by programs that read feeds). */
function feedParser(): XMLParser {
  parser ??= new (requireOnFirstUse<FastXmlParser>('fast-xml-parser').XMLParser)({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    // Titles such as "2024" must stay strings.
    parseTagValue: false,
    processEntities: true,
    // HTML entities are decoded by htmlToText, which also sees CDATA sections and double escapes.
    htmlEntities: false,
    isArray: (_name, jPath) =>
      jPath === 'rss.channel.item' ||
      jPath === 'feed.entry' ||
      jPath === 'feed.entry.link' ||
      jPath === 'rdf:RDF.item',
  });
  return parser;
}

/**
 * Parses an RSS 2.0 (also RSS 1.0 / RDF) or Atom 1.0 document into entries, with fast-xml-parser.
 * Text fields are stripped of HTML and decoded; dates come from `pubDate` / `dc:date` (RSS) or
 * `published` / `updated` (Atom). Malformed XML and documents that are neither format are an
 * {@link InvalidResponseError} (with the XML line when known).
 */
export function parseFeed(xml: string, context: ProviderErrorContext): FeedEntry[] {
  const valid = requireOnFirstUse<FastXmlParser>('fast-xml-parser').XMLValidator.validate(xml);
  if (valid !== true) {
    throw new InvalidResponseError({
      ...context,
      reason: `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    });
  }
  const document = feedParser().parse(xml) as Record<string, unknown>;
  const rss = asRecord(document.rss);
  if (rss) return asArray(asRecord(rss.channel)?.item).map(rssEntry).filter(hasTitle);
  const rdf = asRecord(document['rdf:RDF']);
  if (rdf) return asArray(rdf.item).map(rssEntry).filter(hasTitle);
  const atom = asRecord(document.feed);
  if (atom) return asArray(atom.entry).map(atomEntry).filter(hasTitle);
  const root = Object.keys(document).find((key) => !key.startsWith('?')) ?? '(none)';
  throw new InvalidResponseError({ ...context, path: [root], reason: 'neither an RSS nor an Atom feed' });
}

function rssEntry(node: unknown): FeedEntry {
  const item = asRecord(node) ?? {};
  return {
    title: textOf(item.title),
    link: optional(textOf(item.link)),
    guid: optional(textOf(item.guid)),
    summary: optional(textOf(item.description)),
    publishedAt: parseDate(textOf(item.pubDate) || textOf(item['dc:date'])),
  };
}

function atomEntry(node: unknown): FeedEntry {
  const entry = asRecord(node) ?? {};
  const links = asArray(entry.link).map((link) => asRecord(link) ?? {});
  const alternate = links.find((link) => (link['@_rel'] ?? 'alternate') === 'alternate') ?? links[0];
  const href = alternate?.['@_href'];
  return {
    title: textOf(entry.title),
    link: typeof href === 'string' ? optional(href.trim()) : undefined,
    guid: optional(textOf(entry.id)),
    summary: optional(textOf(entry.summary) || textOf(entry.content)),
    publishedAt: parseDate(textOf(entry.published) || textOf(entry.updated)),
  };
}

/** Text of an element that may carry attributes (`{ '#text': ..., '@_type': 'html' }`). */
function textOf(node: unknown): string {
  if (typeof node === 'string' || typeof node === 'number') return htmlToText(String(node));
  const record = asRecord(node);
  if (record && '#text' in record) return textOf(record['#text']);
  return '';
}

/**
 * RFC 822 dates (RSS: "Fri, 17 May 2024 14:30:00 +0000", also "GMT" and US zone names) and
 * RFC 3339 (Atom), via `Date.parse`, which reads both; `undefined` when unreadable.
 */
function parseDate(text: string): number | undefined {
  if (text === '') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function hasTitle(entry: FeedEntry): boolean {
  return entry.title !== '';
}

function optional(text: string): string | undefined {
  return text === '' ? undefined : text;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
