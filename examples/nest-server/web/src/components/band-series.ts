import type {
  CustomData,
  CustomSeriesOptions,
  ICustomSeriesPaneRenderer,
  ICustomSeriesPaneView,
  PaneRendererCustomData,
  PriceToCoordinateConverter,
  Time,
  WhitespaceData,
} from 'lightweight-charts';
import { customSeriesDefaultOptions } from 'lightweight-charts';

/** One point of a band: the area between `lower` and `upper` is filled. */
export interface BandPoint extends CustomData<Time> {
  lower: number;
  upper: number;
}

/** Options of the band: its fill colour. */
export interface BandOptions extends CustomSeriesOptions {
  fill: string;
}

type CanvasTarget = Parameters<ICustomSeriesPaneRenderer['draw']>[0];

/**
 * A filled band between two values per time (Lightweight Charts has lines and areas down to a
 * baseline, not an area between two lines). Used for the forecast's interval.
 */
export class BandSeries implements ICustomSeriesPaneView<Time, BandPoint, BandOptions> {
  #data: PaneRendererCustomData<Time, BandPoint> | null = null;
  #options: BandOptions | null = null;

  renderer(): ICustomSeriesPaneRenderer {
    return { draw: (target, toY) => this.#draw(target, toY) };
  }

  update(data: PaneRendererCustomData<Time, BandPoint>, options: BandOptions): void {
    this.#data = data;
    this.#options = options;
  }

  priceValueBuilder(point: BandPoint): number[] {
    return [point.lower, point.upper, (point.lower + point.upper) / 2];
  }

  isWhitespace(point: BandPoint | WhitespaceData<Time>): point is WhitespaceData<Time> {
    return !('lower' in point) || !('upper' in point);
  }

  defaultOptions(): BandOptions {
    return { ...customSeriesDefaultOptions, fill: 'rgba(219, 39, 119, 0.15)' };
  }

  #draw(target: CanvasTarget, toY: PriceToCoordinateConverter): void {
    const data = this.#data;
    const options = this.#options;
    if (!data || !options || data.bars.length < 2) return;
    target.useBitmapCoordinateSpace(({ context, horizontalPixelRatio: hr, verticalPixelRatio: vr }) => {
      const edge = (pick: (p: BandPoint) => number) =>
        data.bars.flatMap((bar) => {
          const y = toY(pick(bar.originalData));
          return y === null ? [] : [[bar.x * hr, y * vr] as const];
        });
      const upper = edge((p) => p.upper);
      const lower = edge((p) => p.lower).reverse();
      if (upper.length < 2 || lower.length < 2) return;
      context.beginPath();
      for (const [i, [x, y]] of [...upper, ...lower].entries()) {
        if (i === 0) context.moveTo(x, y);
        else context.lineTo(x, y);
      }
      context.closePath();
      context.fillStyle = options.fill;
      context.fill();
    });
  }
}
