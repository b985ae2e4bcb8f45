/** A bar as the streaming volume indicators take it. */
export interface VolumeBar {
  high: number;
  low: number;
  close: number;
  /** Traded volume, ≥ 0. */
  volume: number;
}
