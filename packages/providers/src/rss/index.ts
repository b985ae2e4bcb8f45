export { RssNewsProvider, type RssNewsProviderOptions, YAHOO_HEADLINE_FEED } from './rss-news-provider.js';
