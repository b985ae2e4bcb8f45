import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TokenResponse } from '../../src/contract/index.js';
import type { ApiClient } from './api-client.js';

/** A registered, signed-in user and a client that sends their token. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  api: ApiClient;
}

/** A fresh address per call, so suites never collide on the unique e-mail. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Registers a new account over the API and logs it in; fails the test on any other answer. */
export async function signUp(
  api: ApiClient,
  label: string,
  password = 'correct horse battery staple',
): Promise<TestUser> {
  const email = uniqueEmail(label);
  const registered = await api.post<{ id: string; email: string }>('/api/auth/register', { email, password });
  expect(registered.status, registered.text).toBe(201);
  const token = await logIn(api, email, password);
  return { id: registered.body.id, email, password, token, api: api.as(token) };
}

/** Logs in and returns the bearer token; fails the test unless the login succeeds. */
export async function logIn(api: ApiClient, email: string, password: string): Promise<string> {
  const response = await api.post<TokenResponse>('/api/auth/login', { email, password });
  expect(response.status, response.text).toBe(200);
  return response.body.access_token;
}
