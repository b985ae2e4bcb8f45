import { describe, expect, it } from 'vitest';
import { fixed, percent, percentilePhrase, signedFixed, signedPercent } from './format.js';

describe('number formatting', () => {
  it('never prints a negative zero', () => {
    expect(fixed(-0.04, 1)).toBe('0.0');
    expect(fixed(-0, 2)).toBe('0.00');
    expect(fixed(-0.06, 1)).toBe('-0.1');
    expect(signedFixed(0.004, 2)).toBe('0.00');
    expect(signedPercent(-0.0001)).toBe('0.0 %');
  });

  it('signs positive values and keeps the minus of negative ones', () => {
    expect(signedFixed(0.426, 2)).toBe('+0.43');
    expect(signedFixed(-0.426, 2)).toBe('-0.43');
    expect(signedPercent(0.341)).toBe('+34.1 %');
    expect(signedPercent(-0.05)).toBe('-5.0 %');
    expect(percent(0.18)).toBe('18.0 %');
  });

  it('names the top and bottom buckets and the share beaten in between', () => {
    expect(percentilePhrase(100, 'universe')).toBe('top 1 % of universe');
    expect(percentilePhrase(96, 'universe')).toBe('top 5 % of universe');
    expect(percentilePhrase(90, 'sectors')).toBe('top 10 % of sectors');
    expect(percentilePhrase(80, 'universe')).toBe('top 25 % of universe');
    expect(percentilePhrase(63.4, 'universe')).toBe('better than 63 % of universe');
    expect(percentilePhrase(20, 'universe')).toBe('bottom 25 % of universe');
    expect(percentilePhrase(0, 'universe')).toBe('bottom 1 % of universe');
  });
});
