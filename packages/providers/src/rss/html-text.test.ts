import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseLink, normaliseTitle } from './dedupe-entries.js';
import { decodeHtmlEntities, htmlToText } from './html-text.js';

/** Escapes text the way HTML writers do, as an independent inverse of the decoder. */
const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

describe('decodeHtmlEntities', () => {
  it('decodes named, decimal and hexadecimal references', () => {
    expect(decodeHtmlEntities('AT&amp;T &rsquo;24 &#8220;up&#x201D; &eacute;t&eacute; &euro;5')).toBe(
      'AT&T \u201924 \u201cup\u201d \u00e9t\u00e9 \u20ac5',
    );
  });

  it('decodes one level only and leaves unknown names and invalid code points safe', () => {
    expect(decodeHtmlEntities('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
    expect(decodeHtmlEntities('&notanentity; &#0; &#xD800; &#1114112;')).toBe(
      '&notanentity; \ufffd \ufffd \ufffd',
    );
    expect(decodeHtmlEntities('R&D and Q&A; fish & chips')).toBe('R&D and Q&A; fish & chips');
  });

  it('inverts HTML escaping for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => decodeHtmlEntities(escapeHtml(text)) === text),
    );
  });
});

describe('htmlToText', () => {
  it('drops tags, scripts and comments, then decodes, then collapses white space', () => {
    expect(
      htmlToText('<p>Shares <b>rose</b>&nbsp;3%</p><script>alert(1)</script><!-- x -->\n<img src="a.png">'),
    ).toBe('Shares rose 3%');
    expect(htmlToText('Use &lt;b&gt; for bold')).toBe('Use <b> for bold');
  });
});

describe('normaliseTitle and normaliseLink', () => {
  it('ignore case, accents, punctuation and spacing in titles', () => {
    expect(normaliseTitle('  Nestlé: Q1 Sales   RISE!  ')).toBe(normaliseTitle('nestle q1 sales rise'));
    expect(normaliseTitle('Apple up 3%')).not.toBe(normaliseTitle('Apple up 4%'));
  });

  it('ignore fragments, tracking parameters, trailing slashes and host case in links', () => {
    expect(normaliseLink('https://Finance.Yahoo.com/news/a.html/?.tsrc=rss&utm_source=x#top')).toBe(
      normaliseLink('https://finance.yahoo.com/news/a.html'),
    );
    expect(normaliseLink('https://example.org/a?id=1')).not.toBe(normaliseLink('https://example.org/a?id=2'));
  });
});
