import { render } from 'preact';
import { App } from './app.js';
import { loadDataStatus } from './data-status.js';
import { live } from './live.js';
import { startPortfolioSync } from './portfolio-state.js';
import { session, signOut } from './session.js';
import { notify } from './toasts.js';
import './styles.css';

// One live connection for the page, re-opened with the new token when the user signs in or out.
live.connect(session.get()?.token ?? null);
session.subscribe((current) => live.connect(current?.token ?? null));
live.onTokenRefused(() => {
  signOut();
  notify('Your session has ended: sign in again.', 'info');
});
startPortfolioSync();
// The header's as-of date and source: read now, and again after every scoring run the page hears of.
void loadDataStatus();
live.on('top10:update', () => void loadDataStatus());

render(<App />, document.getElementById('app') as HTMLElement);
