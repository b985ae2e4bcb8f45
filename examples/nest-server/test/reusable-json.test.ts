import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerReusableJson, reusableJson } from '../src/common/reusable-json.js';

describe('reusable JSON bodies', () => {
  const fastify = Fastify();
  registerReusableJson(fastify);
  let serialisations = 0;
  const shared = reusableJson({
    name: 'Münchener Rück — “Rückversicherung” 株式',
    get score() {
      serialisations++; // counts how often the body is turned into JSON
      return 87.5;
    },
  });
  fastify.get('/shared', async () => shared);
  fastify.get('/fresh', async () => ({ name: 'Zürich', n: 1 }));

  afterAll(() => fastify.close());

  it('serialises a reusable body once and sends the same UTF-8 bytes with their byte length every time', async () => {
    const first = await fastify.inject({ method: 'GET', url: '/shared' });
    const second = await fastify.inject({ method: 'GET', url: '/shared' });
    expect(serialisations).toBe(1);
    for (const response of [first, second]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      expect(JSON.parse(response.body)).toEqual({
        name: 'Münchener Rück — “Rückversicherung” 株式',
        score: 87.5,
      });
    }
    // Multi-byte characters: the byte length is not the string length.
    expect(first.rawPayload.length).toBeGreaterThan(first.body.length);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
  });

  it('serialises any other body for every response', async () => {
    const response = await fastify.inject({ method: 'GET', url: '/fresh' });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength('{"name":"Zürich","n":1}'));
    expect(response.json()).toEqual({ name: 'Zürich', n: 1 });
  });
});
