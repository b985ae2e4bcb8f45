import { api } from './api/client.js';
import type { DataStatusResponse } from './api/types.js';
import { createStore } from './store.js';

/** The server's data report, or why it could not be read; `null` until the first answer. */
export type DataStatusState = { report: DataStatusResponse } | { error: string } | null;

/** The data report the header and the data view show. */
export const dataStatus = createStore<DataStatusState>(null);

/** Reads `/api/data/status` again (at start-up and after each scoring run). */
export async function loadDataStatus(): Promise<void> {
  try {
    dataStatus.set({ report: await api.dataStatus() });
  } catch (error) {
    dataStatus.set({ error: (error as Error).message });
  }
}
