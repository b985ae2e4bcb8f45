import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FactorName } from '../api/types.js';
import { formatCompact, formatScore, formatSignedPercent } from '../format.js';
import { divergingColor, textColorOn } from '../heat-colors.js';
import { groupedTreemap, type TreemapTile, tileAt } from '../treemap.js';
import { FACTOR_LABELS } from './factor-bar.js';

/** One stock on the map. */
export interface HeatMapStock {
  symbol: string;
  name: string;
  sector: string;
  /** Sets the tile's area; `null` when unknown (the map then gives every stock the same area). */
  marketCap: number | null;
  score: number;
  factors: Record<FactorName, number>;
  /** Change of the last close against the one before, in percent. */
  change1d: number | null;
}

/** What the tiles' colour shows. */
export type ColorBy = 'score' | FactorName | 'change';

/** Human names of the colour choices. */
export const COLOR_BY_LABELS: Record<ColorBy, string> = {
  score: 'Score',
  ...FACTOR_LABELS,
  change: '1-day change',
};

/** The value a tile is coloured by, and its colour: scores around 50 (±50), changes around 0 (±3 %). */
export function tileValue(stock: HeatMapStock, colorBy: ColorBy): number | null {
  return colorBy === 'score' ? stock.score : colorBy === 'change' ? stock.change1d : stock.factors[colorBy];
}
function tileColor(stock: HeatMapStock, colorBy: ColorBy): string {
  const value = tileValue(stock, colorBy);
  return colorBy === 'change' ? divergingColor(value, 0, 3) : divergingColor(value, 50, 50);
}
function formatValue(value: number | null, colorBy: ColorBy): string {
  if (value === null) return 'n/a';
  return colorBy === 'change' ? formatSignedPercent(value, 2) : formatScore(value);
}

const HEADER = 16;
const GAP = 2;

type Tile = TreemapTile<HeatMapStock>;

/** The tile next to `from` in an arrow key's direction: the nearest centre on that side. */
function neighbour(tiles: readonly Tile[], from: Tile, key: string): Tile | undefined {
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  let best: Tile | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const t of tiles) {
    if (t === from) continue;
    const dx = t.x + t.width / 2 - cx;
    const dy = t.y + t.height / 2 - cy;
    const ahead =
      key === 'ArrowRight' ? dx > 0 : key === 'ArrowLeft' ? dx < 0 : key === 'ArrowDown' ? dy > 0 : dy < 0;
    if (!ahead) continue;
    // Distance along the direction counts less than sideways drift, so the move stays in line.
    const along = key === 'ArrowRight' || key === 'ArrowLeft' ? Math.abs(dx) : Math.abs(dy);
    const side = key === 'ArrowRight' || key === 'ArrowLeft' ? Math.abs(dy) : Math.abs(dx);
    const distance = along + 2 * side;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = t;
    }
  }
  return best;
}

/**
 * The market as a treemap on one canvas (thousands of stocks would be thousands of DOM nodes):
 * sectors as groups, area by market cap, colour by score, a factor or the 1-day change. Hover or
 * the arrow keys show a stock's numbers; click or Enter opens its page. Screen readers get the
 * same content as a list of sectors and stocks below the canvas.
 */
export function HeatMap({
  stocks,
  colorBy,
  onOpen,
}: {
  stocks: readonly HeatMapStock[];
  colorBy: ColorBy;
  onOpen: (symbol: string) => void;
}) {
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [focused, setFocused] = useState<Tile | null>(null);

  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // Wide screens get a landscape map; phones a taller one, so tiles keep a usable size.
  const height = width === 0 ? 0 : Math.round(width < 600 ? width * 1.4 : Math.min(width * 0.58, 760));
  const equalAreas = stocks.some((s) => !(s.marketCap !== null && s.marketCap > 0));

  const groups = useMemo(() => {
    const bySector = new Map<string, HeatMapStock[]>();
    for (const s of stocks) {
      const members = bySector.get(s.sector);
      if (members) members.push(s);
      else bySector.set(s.sector, [s]);
    }
    return [...bySector].map(([key, members]) => ({
      key,
      items: members.map((s) => ({ weight: equalAreas ? 1 : (s.marketCap as number), value: s })),
    }));
  }, [stocks, equalAreas]);
  const layout = useMemo(
    () =>
      width > 0 ? groupedTreemap(groups, { x: 0, y: 0, width, height }, { header: HEADER, gap: GAP }) : [],
    [groups, width, height],
  );
  const tiles = useMemo(() => layout.flatMap((g) => g.tiles), [layout]);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.textBaseline = 'middle';
    for (const group of layout) {
      context.fillStyle = '#334155';
      context.fillRect(group.x, group.y, group.width, group.height);
      if (group.width > 40) {
        context.fillStyle = '#f8fafc';
        context.font = '600 11px system-ui, sans-serif';
        context.fillText(
          clip(context, group.key.toUpperCase(), group.width - 8),
          group.x + 4,
          group.y + HEADER / 2 + 1,
        );
      }
      for (const t of group.tiles) {
        const color = tileColor(t.value, colorBy);
        context.fillStyle = color;
        context.fillRect(t.x + 0.5, t.y + 0.5, Math.max(0, t.width - 1), Math.max(0, t.height - 1));
        if (t.width > 30 && t.height > 16) {
          context.fillStyle = textColorOn(color);
          const size = Math.max(9, Math.min(18, Math.floor(Math.min(t.width / 4, t.height / 2.5))));
          context.font = `600 ${size}px system-ui, sans-serif`;
          const cx = t.x + t.width / 2;
          const cy = t.y + t.height / 2;
          const twoLines = t.height > size * 2.6;
          context.textAlign = 'center';
          context.fillText(clip(context, t.value.symbol, t.width - 4), cx, twoLines ? cy - size * 0.55 : cy);
          if (twoLines) {
            context.font = `${Math.max(8, size - 3)}px system-ui, sans-serif`;
            context.fillText(formatValue(tileValue(t.value, colorBy), colorBy), cx, cy + size * 0.6);
          }
          context.textAlign = 'start';
        }
      }
    }
    if (focused) {
      const t = tiles.find((x) => x.value.symbol === focused.value.symbol);
      if (t) {
        context.strokeStyle = '#facc15';
        context.lineWidth = 3;
        context.strokeRect(t.x + 1.5, t.y + 1.5, t.width - 3, t.height - 3);
      }
    }
  }, [layout, tiles, colorBy, width, height, focused]);

  const at = (event: MouseEvent) => {
    const box = (event.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    return tileAt(tiles, event.clientX - box.left, event.clientY - box.top);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (tiles.length === 0) return;
    if (event.key === 'Enter' && focused) {
      onOpen(focused.value.symbol);
      return;
    }
    if (!event.key.startsWith('Arrow')) return;
    event.preventDefault();
    const current = focused && tiles.find((t) => t.value.symbol === focused.value.symbol);
    setFocused(current ? (neighbour(tiles, current, event.key) ?? current) : (tiles[0] as Tile));
  };

  return (
    <div class="heat-map" ref={wrapper}>
      {equalAreas && stocks.length > 0 && (
        <p class="muted small">Market caps are not known for every stock: all tiles have the same area.</p>
      )}
      <canvas
        ref={canvas}
        class="heat-map-canvas"
        style={{ width: `${width}px`, height: `${height}px` }}
        tabIndex={0}
        role="img"
        aria-label={`Heat map of ${stocks.length} stocks in ${groups.length} sectors, coloured by ${COLOR_BY_LABELS[colorBy]}. Arrow keys move between stocks, Enter opens one; the list below has the same numbers.`}
        data-tiles={tiles.length}
        onMouseMove={(event) => setFocused(at(event) ?? null)}
        onMouseLeave={() => setFocused(null)}
        onClick={(event) => {
          const tile = at(event);
          if (tile) onOpen(tile.value.symbol);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setFocused(null)}
      />
      <div class="heat-map-readout" aria-live="polite" data-testid="map-readout">
        {focused ? (
          <Readout stock={focused.value} colorBy={colorBy} />
        ) : (
          <span class="muted">Point at a stock.</span>
        )}
      </div>
      <details class="heat-map-list">
        <summary>The map as a list</summary>
        {layout.map((group) => (
          <section key={group.key} aria-label={group.key}>
            <h3>
              {group.key} <span class="muted small">({group.tiles.length})</span>
            </h3>
            <ul data-sector={group.key}>
              {group.tiles.map((t) => (
                <li key={t.value.symbol} data-symbol={t.value.symbol}>
                  <a href={`#/stock/${encodeURIComponent(t.value.symbol)}`}>{t.value.symbol}</a>{' '}
                  {t.value.name}: {COLOR_BY_LABELS[colorBy]}{' '}
                  {formatValue(tileValue(t.value, colorBy), colorBy)}
                  {t.value.marketCap !== null && `, market cap ${formatCompact(t.value.marketCap)}`}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </details>
    </div>
  );
}

function Readout({ stock, colorBy }: { stock: HeatMapStock; colorBy: ColorBy }) {
  return (
    <span>
      <strong>{stock.symbol}</strong> {stock.name} · {stock.sector} · score {formatScore(stock.score)}
      {colorBy !== 'score' &&
        ` · ${COLOR_BY_LABELS[colorBy]} ${formatValue(tileValue(stock, colorBy), colorBy)}`}
      {stock.change1d !== null &&
        colorBy !== 'change' &&
        ` · 1 day ${formatSignedPercent(stock.change1d, 2)}`}
      {stock.marketCap !== null && ` · market cap ${formatCompact(stock.marketCap)}`}
    </span>
  );
}

/** `text` cut with an ellipsis to fit `max` pixels in the context's current font. */
function clip(context: CanvasRenderingContext2D, text: string, max: number): string {
  if (context.measureText(text).width <= max) return text;
  let cut = text;
  while (cut.length > 1 && context.measureText(`${cut}…`).width > max) cut = cut.slice(0, -1);
  return `${cut}…`;
}
