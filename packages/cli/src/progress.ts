import type { CliIo } from './io.js';

/** Reports the progress of one phase (reading files, scoring, training) on stderr. */
export interface Progress {
  /** `completed` of `total` done; `detail` names the item just finished. */
  update(completed: number, total: number, detail?: string): void;
  /** Ends the phase with a closing line. */
  done(message?: string): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Clock in ms, for tests. Default `performance.now`. */
  now?: () => number;
  /** Least time between two redraws of the bar on a terminal, ms. Default 100. */
  ttyIntervalMs?: number;
  /** Least time between two plain lines when stderr is not a terminal, ms. Default 2000. */
  lineIntervalMs?: number;
  /** Width of the bar in characters. Default 24. */
  barWidth?: number;
}

/**
 * Progress on stderr, never on stdout: on a terminal a bar redrawn in place with the percentage
 * and an ETA; otherwise (a pipe, a CI log) plain lines, throttled so that 10 000 symbols do not
 * become 10 000 lines. The first update and the last (`completed === total`) always show.
 */
export function createProgress(io: CliIo, label: string, options: ProgressOptions = {}): Progress {
  const now = options.now ?? (() => performance.now());
  const interval = io.isTTY ? (options.ttyIntervalMs ?? 100) : (options.lineIntervalMs ?? 2000);
  const barWidth = options.barWidth ?? 24;
  const started = now();
  let lastShown = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let finished = false;

  const line = (completed: number, total: number, detail?: string) => {
    const share = total > 0 ? Math.min(1, completed / total) : 1;
    const percent = `${Math.floor(share * 100)}%`.padStart(4);
    const elapsed = now() - started;
    const eta =
      completed > 0 && completed < total
        ? ` ETA ${duration((elapsed / completed) * (total - completed))}`
        : '';
    const counts = `${completed}/${total}`;
    if (!io.isTTY) return `${label}: ${counts} (${percent.trim()})${eta}${detail ? ` ${detail}` : ''}`;
    const filled = Math.round(share * barWidth);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
    return `${label} ${bar} ${percent} ${counts}${eta}`;
  };

  return {
    update(completed, total, detail) {
      if (finished) return;
      const at = now();
      const last = completed >= total;
      if (!last && drawn && at - lastShown < interval) return;
      lastShown = at;
      drawn = true;
      if (io.isTTY) io.stderr.write(`\r${line(completed, total)}\x1b[K`);
      else io.stderr.write(`${line(completed, total, detail)}\n`);
    },
    done(message) {
      if (finished) return;
      finished = true;
      const text = `${label}: ${message ?? 'done'} in ${duration(now() - started)}`;
      io.stderr.write(io.isTTY && drawn ? `\r${text}\x1b[K\n` : `${text}\n`);
    },
  };
}

/** "850 ms", "12.3 s", "2 min 5 s". */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
