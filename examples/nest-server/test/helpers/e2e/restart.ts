import { describe, expect, test } from 'vitest';
import type { PositionView } from '../../../src/contract/index.js';
import { logIn, signUp } from '../users.js';
import type { E2EContext } from './context.js';

/** Stops the server and starts a new one on the same data; runs last, as it replaces the server. */
export function restartSuite(ctx: E2EContext): void {
  describe('restart without data loss', () => {
    test('accounts, positions and the last scoring run survive a restart; top 10 is served at once', async () => {
      const user = await signUp(ctx.api, 'restart');
      const symbol = (await ctx.top10()).top_10_wachstums_aktien[4]!.symbol;
      const added = await user.api.post<PositionView>('/api/live-monitoring/add', {
        symbol,
        shares: 4.25,
        investment: 812.34,
        take_profit: 10_000,
      });
      expect(added.status, added.text).toBe(201);
      const top10Before = await ctx.top10();
      const runsBefore = await ctx.server.sql<{ run_id: string }>(
        'SELECT DISTINCT run_id::text AS run_id FROM growth_forecasts',
      );

      await ctx.server.restart();

      // The first request after the restart: the persisted run, not a new one (that would take seconds).
      const top10After = await ctx.top10();
      expect(top10After).toEqual(top10Before);
      expect(await ctx.server.sql('SELECT DISTINCT run_id::text AS run_id FROM growth_forecasts')).toEqual(
        runsBefore,
      );

      const token = await logIn(ctx.api, user.email, user.password);
      const positions = (await ctx.api.as(token).get<{ positions: PositionView[] }>('/api/live-monitoring'))
        .body.positions;
      expect(positions).toHaveLength(1);
      expect(positions[0]).toMatchObject({
        position_id: added.body.position_id,
        symbol,
        shares: 4.25,
        investment: 812.34,
        entry_price: added.body.entry_price,
        take_profit: 10_000,
        created_at: added.body.created_at,
      });
      // The token issued before the restart is still good: same secret (from DATA_DIR or the environment).
      expect((await user.api.get('/api/auth/me')).status).toBe(200);
    });
  });
}
