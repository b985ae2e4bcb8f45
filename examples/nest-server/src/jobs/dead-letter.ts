import type { Job, Queue } from 'bullmq';

/** A job that exhausted its attempts, as kept in the dead-letter queue. */
export interface DeadLetter {
  queue: string;
  jobId: string;
  name: string;
  data: unknown;
  failedReason: string;
  attemptsMade: number;
  failedAt: string;
}

/**
 * Copies `job` into the dead-letter queue if it has failed for good (a failed attempt with retries
 * left is not final). The copy's id is derived from the original's, so two workers reporting the
 * same failure store it once. Nothing consumes the queue: operators inspect it (BullMQ's
 * `getJobs`), and re-add a job to its queue once the cause is fixed.
 */
export async function deadLetterIfFinal(
  deadLetters: Queue,
  queue: string,
  job: Job | undefined,
): Promise<boolean> {
  if (!job?.id || (await job.getState()) !== 'failed') return false;
  const letter: DeadLetter = {
    queue,
    jobId: job.id,
    name: job.name,
    data: job.data,
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    failedAt: new Date(job.finishedOn ?? Date.now()).toISOString(),
  };
  // BullMQ refuses ':' in custom ids (scheduled jobs have it in theirs).
  await deadLetters.add(job.name, letter, { jobId: `${queue}-${job.id}`.replaceAll(':', '_') });
  return true;
}
