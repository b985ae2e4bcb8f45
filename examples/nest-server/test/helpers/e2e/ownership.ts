import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ErrorBody, PortfolioSummary, PositionView } from '../../../src/contract/index.js';
import { signUp, type TestUser } from '../users.js';
import type { E2EContext } from './context.js';

/** Positions belong to their user: another user can neither see, change nor delete them. */
export function ownershipSuite(ctx: E2EContext): void {
  describe('cross-user access', () => {
    let alice: TestUser;
    let bob: TestUser;
    let alicePosition: PositionView;
    let bobPosition: PositionView;

    /** Alice's position as stored, read in the database (not through the API under test). */
    const storedAlicePosition = async () =>
      (await ctx.server.sql('SELECT * FROM positions WHERE id = $1', [alicePosition.position_id]))[0];

    beforeAll(async () => {
      const top = (await ctx.top10()).top_10_wachstums_aktien;
      [alice, bob] = await Promise.all([signUp(ctx.api, 'alice'), signUp(ctx.api, 'bob')]);
      const a = await alice.api.post<PositionView>('/api/live-monitoring/add', {
        symbol: top[1]!.symbol,
        shares: 7,
        investment: 700,
      });
      const b = await bob.api.post<PositionView>('/api/live-monitoring/add', {
        symbol: top[2]!.symbol,
        shares: 3,
        investment: 300,
      });
      expect([a.status, b.status]).toEqual([201, 201]);
      alicePosition = a.body;
      bobPosition = b.body;
    });

    test("B's list and summary hold only B's position; A's only A's", async () => {
      const bobList = await bob.api.get<{ positions: PositionView[] }>('/api/live-monitoring');
      expect(bobList.body.positions.map((p) => p.position_id)).toEqual([bobPosition.position_id]);
      const aliceList = await alice.api.get<{ positions: PositionView[] }>('/api/live-monitoring');
      expect(aliceList.body.positions.map((p) => p.position_id)).toEqual([alicePosition.position_id]);

      const bobSummary = await bob.api.get<PortfolioSummary>('/api/monitoring/summary');
      expect(bobSummary.body).toMatchObject({ total_positions: 1, total_invested: 300 });
      expect(bobSummary.body.positions.map((p) => p.position_id)).toEqual([bobPosition.position_id]);
      const aliceSummary = await alice.api.get<PortfolioSummary>('/api/monitoring/summary');
      expect(aliceSummary.body).toMatchObject({ total_positions: 1, total_invested: 700 });
    });

    test("B cannot change A's position: 404, as for a position that does not exist, and nothing changes", async () => {
      const before = await storedAlicePosition();
      const attempt = await bob.api.patch<ErrorBody>(`/api/live-monitoring/${alicePosition.position_id}`, {
        shares: 1,
        stop_loss: 1,
      });
      expect(attempt.status).toBe(404);
      const missingId = randomUUID();
      const missing = await bob.api.patch<ErrorBody>(`/api/live-monitoring/${missingId}`, {
        shares: 1,
        stop_loss: 1,
      });
      expect(missing.status).toBe(404);
      // Same answer either way: the existence of someone else's position does not leak.
      expect(attempt.body.message.replace(alicePosition.position_id, '<id>')).toBe(
        missing.body.message.replace(missingId, '<id>'),
      );

      expect(await storedAlicePosition()).toEqual(before);
      const seenByAlice = (await alice.api.get<{ positions: PositionView[] }>('/api/live-monitoring')).body
        .positions[0];
      expect(seenByAlice).toMatchObject({
        position_id: alicePosition.position_id,
        shares: 7,
        investment: 700,
        stop_loss: null,
      });
    });

    test("B cannot delete A's position: 404, and it is still there", async () => {
      const attempt = await bob.api.delete<ErrorBody>(`/api/live-monitoring/${alicePosition.position_id}`);
      expect(attempt.status).toBe(404);
      expect(await storedAlicePosition()).toBeDefined();
      const aliceList = await alice.api.get<{ positions: PositionView[] }>('/api/live-monitoring');
      expect(aliceList.body.positions.map((p) => p.position_id)).toEqual([alicePosition.position_id]);
    });

    test("B's attempts are in the audit log as denied", async () => {
      const denied = await ctx.server.sql<{ action: string; outcome: string }>(
        'SELECT action, outcome FROM audit_log WHERE user_id = $1 AND resource_id = $2',
        [bob.id, alicePosition.position_id],
      );
      expect(denied.length).toBeGreaterThanOrEqual(2);
      for (const row of denied) expect(row.outcome).toBe('denied');
    });
  });
}
