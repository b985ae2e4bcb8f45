/**
 * Colours of the heat map: a diverging scale, red for weak, grey for neutral, green for strong,
 * as finviz and TradingView draw market maps (a colour-blind-safe option would swap green for blue).
 */

const RED = [185, 28, 28] as const;
const GREY = [100, 116, 139] as const;
const GREEN = [21, 128, 61] as const;

function mix(a: readonly number[], b: readonly number[], t: number): string {
  const c = a.map((v, i) => Math.round(v + ((b[i] as number) - v) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/**
 * The colour of `value` on a scale whose neutral point is `mid` and whose extremes are `mid ± span`
 * (values beyond are clamped). A value that is not a finite number is drawn neutral grey, and the
 * map's list says "n/a" for it: it is never coloured as if it were a number.
 */
export function divergingColor(value: number | null | undefined, mid: number, span: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return mix(GREY, GREY, 0);
  const t = Math.max(-1, Math.min(1, (value - mid) / span));
  return t < 0 ? mix(GREY, RED, -t) : mix(GREY, GREEN, t);
}

/** Black or white text, whichever reads better on an `rgb(r, g, b)` colour (WCAG relative luminance). */
export function textColorOn(rgb: string): string {
  const [r, g, b] = (rgb.match(/\d+/g) ?? ['0', '0', '0']).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast against white is (1.05) / (L + 0.05), against black (L + 0.05) / 0.05: pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#0f172a';
}
