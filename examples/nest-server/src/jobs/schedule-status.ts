import { Injectable } from '@nestjs/common';

/**
 * Where the update schedules stand, for `/ready`:
 * - `in-process`: no Redis; the server's own timers run the updates.
 * - `registered`: every job scheduler was found in Redis at the last check.
 * - `missing`: some were not (Redis restarted empty, or someone removed them); they are being
 *   registered again.
 * - `unreachable`: the last check could not reach Redis.
 * - `pending`: not checked yet.
 */
export type ScheduleState = 'in-process' | 'registered' | 'missing' | 'unreachable' | 'pending';

/** The schedule state of this process, written by the schedule keeper and read by `/ready`. */
@Injectable()
export class ScheduleStatus {
  state: ScheduleState = 'pending';
  /** Ids of the schedulers found missing at the last check that found any. */
  lastMissing: string[] = [];
  /** How many times missing schedulers were registered again (the first registration not counted). */
  repairs = 0;
  /** Epoch ms of the last completed check. */
  checkedAt: number | undefined;
}
