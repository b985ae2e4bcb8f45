export * from './rss-news-provider.js';
