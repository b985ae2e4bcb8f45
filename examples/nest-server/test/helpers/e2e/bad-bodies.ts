import { beforeAll, describe, expect, test } from 'vitest';
import type { ErrorBody, PositionView } from '../../../src/contract/index.js';
import type { ApiResponse } from '../api-client.js';
import { signUp, type TestUser } from '../users.js';
import type { E2EContext } from './context.js';

/** Bodies the server must refuse with 400 (413 when oversized), naming the field, writing nothing. */
export function badBodiesSuite(ctx: E2EContext): void {
  describe('bad bodies', () => {
    let user: TestUser;
    let symbol: string;
    let existing: PositionView;
    const valid = () => ({ symbol, shares: 10, investment: 1000 });

    /** Rows a rejected request must not add, counted in the database (not through the API under test). */
    const rowCounts = async () => ({
      positions: await ctx.server.count('positions'),
      audit: await ctx.server.count('audit_log'),
    });
    /**
     * Runs `send`; checks that it was refused naming `field`, that no row was written (and `stored`, if
     * given, reads the same before and after), and that the user still lists exactly their one position.
     */
    const expectRefused = async (
      send: () => Promise<ApiResponse<ErrorBody>>,
      field: string,
      { status = 400, stored }: { status?: number; stored?: () => Promise<unknown> } = {},
    ) => {
      const before = { rows: await rowCounts(), stored: await stored?.() };
      const response = await send();
      expect(response.status, response.text).toBe(status);
      const issue = response.body.issues?.find((i) => i.field === field);
      expect(issue, `no issue for "${field}" in ${response.text}`).toBeDefined();
      expect(issue!.reason.trim().length).toBeGreaterThan(0);
      expect({ rows: await rowCounts(), stored: await stored?.() }).toEqual(before);
      // Last, because listing revalues the positions (and is itself audited).
      const listed = await user.api.get<{ positions: PositionView[] }>('/api/live-monitoring');
      expect(listed.body.positions.map((p) => p.position_id)).toEqual([existing.position_id]);
    };

    beforeAll(async () => {
      symbol = (await ctx.top10()).top_10_wachstums_aktien[0]!.symbol;
      user = await signUp(ctx.api, 'badbodies');
      const added = await user.api.post<PositionView>('/api/live-monitoring/add', valid());
      expect(added.status, added.text).toBe(201);
      existing = added.body;
    });

    test.each([
      ['negative shares', { shares: -5 }, 'shares'],
      ['zero shares', { shares: 0 }, 'shares'],
      ['zero investment', { investment: 0 }, 'investment'],
      ['negative investment', { investment: -100 }, 'investment'],
      ['stop_loss above take_profit', { stop_loss: 120, take_profit: 100 }, 'stop_loss'],
      ['stop_loss equal to take_profit', { stop_loss: 100, take_profit: 100 }, 'stop_loss'],
      ['negative stop_loss', { stop_loss: -1 }, 'stop_loss'],
      ['an unknown field', { leverage: 10 }, 'leverage'],
      ['shares as a string', { shares: '10' }, 'shares'],
      ['symbol as a number', { symbol: 42 }, 'symbol'],
      ['a malformed symbol', { symbol: 'DROP TABLE;' }, 'symbol'],
      ['investment null', { investment: null }, 'investment'],
      ['shares finer than the stored 6 decimals', { shares: 0.0000001 }, 'shares'],
      ['investment in fractions of a cent', { investment: 100.005 }, 'investment'],
      ['an entry price below 0.0001 per share', { shares: 1_000_000, investment: 0.01 }, 'investment'],
    ])('POST add with %s is 400 naming the field; nothing written', async (_, change, field) => {
      await expectRefused(
        () => user.api.post<ErrorBody>('/api/live-monitoring/add', { ...valid(), ...change }),
        field,
      );
    });

    test('POST add without a required field is 400 naming it', async () => {
      const { investment: _, ...withoutInvestment } = valid();
      await expectRefused(
        () => user.api.post<ErrorBody>('/api/live-monitoring/add', withoutInvestment),
        'investment',
      );
    });

    test('a body that is an array, or not JSON at all, is 400 naming the body', async () => {
      await expectRefused(() => user.api.post<ErrorBody>('/api/live-monitoring/add', [valid()]), 'body');
      await expectRefused(
        () =>
          user.api.post<ErrorBody>('/api/live-monitoring/add', undefined, {
            rawBody: '{"symbol": "AAA", "shares": ',
          }),
        'body',
      );
      await expectRefused(
        () => user.api.post<ErrorBody>('/api/live-monitoring/add', undefined, { rawBody: 'shares=10' }),
        'body',
      );
    });

    test('a huge body is refused (413) before it is parsed', async () => {
      const huge = JSON.stringify({ ...valid(), note: 'x'.repeat(256 * 1024) });
      await expectRefused(
        () => user.api.post<ErrorBody>('/api/live-monitoring/add', undefined, { rawBody: huge }),
        'body',
        {
          status: 413,
        },
      );
    });

    test('an unknown symbol is 404 and nothing is written', async () => {
      const before = await rowCounts();
      const response = await user.api.post<ErrorBody>('/api/live-monitoring/add', {
        ...valid(),
        symbol: 'ZZZZZZ',
      });
      expect(response.status).toBe(404);
      expect(response.body.message).toContain('ZZZZZZ');
      expect(await rowCounts()).toEqual(before);
    });

    test.each([
      ['nothing to change', {}, 'body'],
      ['negative shares', { shares: -1 }, 'shares'],
      ['stop_loss above take_profit', { stop_loss: 500, take_profit: 100 }, 'stop_loss'],
      ['an unknown status', { status: 'deleted' }, 'status'],
      ['an unknown field', { symbol: 'OTHER' }, 'symbol'],
      ['a shares count that would overflow P/L %', { shares: 1_000_000_000 }, 'shares'],
    ])('PATCH with %s is 400 naming the field; the position is unchanged', async (_, body, field) => {
      const stored = () => ctx.server.sql('SELECT * FROM positions WHERE id = $1', [existing.position_id]);
      await expectRefused(
        () => user.api.patch<ErrorBody>(`/api/live-monitoring/${existing.position_id}`, body),
        field,
        { stored },
      );
    });

    test('PATCH stop_loss against the stored take_profit is checked too', async () => {
      const id = existing.position_id;
      expect((await user.api.patch(`/api/live-monitoring/${id}`, { take_profit: 50 })).status).toBe(200);
      const stored = () => ctx.server.sql('SELECT * FROM positions WHERE id = $1', [id]);
      await expectRefused(
        () => user.api.patch<ErrorBody>(`/api/live-monitoring/${id}`, { stop_loss: 60 }),
        'stop_loss',
        { stored },
      );
      expect((await user.api.patch(`/api/live-monitoring/${id}`, { take_profit: null })).status).toBe(200);
    });

    test('a position id that is not a UUID is 400 naming position_id', async () => {
      await expectRefused(
        () => user.api.patch<ErrorBody>('/api/live-monitoring/42', { shares: 1 }),
        'position_id',
      );
    });
  });
}
