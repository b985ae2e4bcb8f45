import { createStore } from './store.js';

/** A signed-in user: the bearer token and when it expires. */
export interface Session {
  email: string;
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

const STORAGE_KEY = 'daki.session';

function readStoredSession(): Session | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    if (stored && typeof stored.token === 'string' && stored.expiresAt > Date.now()) return stored;
  } catch {
    // A corrupt entry is the same as none.
  }
  localStorage.removeItem(STORAGE_KEY);
  return null;
}

/** The signed-in user, or `null`; kept in localStorage so a reload stays signed in until the token expires. */
export const session = createStore<Session | null>(readStoredSession());

/** Remembers a login; `expiresInSeconds` is the token lifetime the server announced. */
export function signIn(email: string, token: string, expiresInSeconds: number): void {
  const next: Session = { email, token, expiresAt: Date.now() + expiresInSeconds * 1000 };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  session.set(next);
}

/** Forgets the token (also called when the server answers 401). */
export function signOut(): void {
  localStorage.removeItem(STORAGE_KEY);
  session.set(null);
}
