import { describe, expect, it } from 'vitest';
import { divergingColor, textColorOn } from '../web/src/heat-colors.js';

const channels = (rgb: string) => (rgb.match(/\d+/g) ?? []).map(Number);

describe('heat map colours', () => {
  it('grey at the neutral point, red below, green above, clamped beyond the span', () => {
    expect(divergingColor(50, 50, 50)).toBe('rgb(100, 116, 139)');
    expect(divergingColor(0, 50, 50)).toBe('rgb(185, 28, 28)');
    expect(divergingColor(100, 50, 50)).toBe('rgb(21, 128, 61)');
    expect(divergingColor(-7, 0, 3)).toBe(divergingColor(-3, 0, 3));
    const [r1, g1] = channels(divergingColor(75, 50, 50));
    const [r2, g2] = channels(divergingColor(90, 50, 50));
    expect(g2).toBeGreaterThan(g1 as number);
    expect(r2).toBeLessThan(r1 as number);
  });

  it('draws a missing value neutral, never as a number', () => {
    for (const missing of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(divergingColor(missing, 50, 50)).toBe('rgb(100, 116, 139)');
    }
  });

  it('picks the text colour with the better contrast', () => {
    expect(textColorOn('rgb(185, 28, 28)')).toBe('#ffffff');
    expect(textColorOn('rgb(21, 128, 61)')).toBe('#ffffff');
    expect(textColorOn('rgb(250, 250, 250)')).toBe('#0f172a');
  });
});
