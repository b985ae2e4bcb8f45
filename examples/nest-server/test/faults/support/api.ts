import { randomBytes, randomUUID } from 'node:crypto';
import { send } from './load.js';

/** A registered user of a fault test: their bearer token. */
export interface FaultUser {
  email: string;
  token: string;
}

/** Registers and logs in a fresh user (a long random password, so any password policy accepts it). */
export async function signUp(baseUrl: string, label: string): Promise<FaultUser> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const password = `Fault ${randomBytes(12).toString('base64url')} suite`;
  const registered = await send(
    baseUrl,
    { name: 'register', method: 'POST', path: '/api/auth/register', body: { email, password } },
    'setup',
    10_000,
  );
  if (registered.status !== 201)
    throw new Error(`register answered ${registered.status}: ${JSON.stringify(registered.body)}`);
  const login = await send(
    baseUrl,
    { name: 'login', method: 'POST', path: '/api/auth/login', body: { email, password } },
    'setup',
    10_000,
  );
  const token = (login.body as { access_token?: string } | undefined)?.access_token;
  if (login.status !== 200 || !token)
    throw new Error(`login answered ${login.status}: ${JSON.stringify(login.body)}`);
  return { email, token };
}

/** The first `count` symbols of the server's universe (waits for the first scoring run). */
export async function someSymbols(baseUrl: string, count: number): Promise<string[]> {
  const listed = await send(
    baseUrl,
    { name: 'stocks', method: 'GET', path: `/api/stocks?page_size=${count}` },
    'setup',
    30_000,
  );
  const items = (listed.body as { items?: { symbol: string }[] } | undefined)?.items ?? [];
  if (listed.status !== 200 || items.length < count)
    throw new Error(`/api/stocks answered ${listed.status} with ${items.length} items`);
  return items.slice(0, count).map((item) => item.symbol);
}

/** Adds a position; returns its id (throws unless 201). */
export async function addPosition(baseUrl: string, token: string, symbol: string): Promise<string> {
  const added = await send(
    baseUrl,
    {
      name: 'add',
      method: 'POST',
      path: '/api/live-monitoring/add',
      token,
      body: { symbol, shares: 3, investment: 300 },
    },
    'setup',
    10_000,
  );
  const id = (added.body as { position_id?: string } | undefined)?.position_id;
  if (added.status !== 201 || !id)
    throw new Error(`add answered ${added.status}: ${JSON.stringify(added.body)}`);
  return id;
}
