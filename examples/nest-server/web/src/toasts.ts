import { createStore } from './store.js';

/** A short notice in the corner: confirmations, errors, and alerts as they fire. */
export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error' | 'alert';
  message: string;
}

/** The notices on screen, newest last. */
export const toasts = createStore<Toast[]>([]);
let nextId = 1;

/** Shows `message` for a few seconds (alerts stay longer: they ask for a decision). */
export function notify(message: string, kind: Toast['kind'] = 'info'): void {
  const toast: Toast = { id: nextId++, kind, message };
  toasts.set([...toasts.get(), toast].slice(-4));
  setTimeout(() => dismiss(toast.id), kind === 'alert' ? 15_000 : 5_000);
}

/** Removes a notice. */
export function dismiss(id: number): void {
  toasts.set(toasts.get().filter((t) => t.id !== id));
}
