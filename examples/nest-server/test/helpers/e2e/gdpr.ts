import { describe, expect, test } from 'vitest';
import type { AccountExport, PositionView } from '../../../src/contract/index.js';
import { signUp } from '../users.js';
import type { E2EContext } from './context.js';

/** The user's GDPR rights: export of everything stored (Art. 15/20) and erasure (Art. 17). */
export function gdprSuite(ctx: E2EContext): void {
  describe('GDPR export and erasure', () => {
    const addPosition = async (api: ReturnType<typeof ctx.api.as>, shares: number) => {
      const symbol = (await ctx.top10()).top_10_wachstums_aktien[3]!.symbol;
      const added = await api.post<PositionView>('/api/live-monitoring/add', {
        symbol,
        shares,
        investment: 100 * shares,
      });
      expect(added.status, added.text).toBe(201);
      return added.body;
    };

    test("the export holds the user's account, positions and audit trail, and nobody else's", async () => {
      const [user, other] = await Promise.all([signUp(ctx.api, 'export'), signUp(ctx.api, 'bystander')]);
      const position = await addPosition(user.api, 2);
      const othersPosition = await addPosition(other.api, 5);

      const exported = await user.api.get<AccountExport>('/api/auth/me/export');
      expect(exported.status, exported.text).toBe(200);
      expect(exported.body.user).toMatchObject({ id: user.id, email: user.email });
      expect(exported.body.positions.map((p) => p.id)).toEqual([position.position_id]);
      expect(exported.body.positions[0]).toMatchObject({ symbol: position.symbol });
      const actions = exported.body.audit_log.map((entry) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['user.register', 'user.login', 'position.create']));
      expect(exported.body.audit_log.find((e) => e.action === 'position.create')?.resource_id).toBe(
        position.position_id,
      );
      expect(exported.text).not.toContain(other.id);
      expect(exported.text).not.toContain(othersPosition.position_id);

      // The e-mail is personal data: at rest it is neither stored nor looked up in plain text.
      const [row] = await ctx.server.sql<{ email_lookup: string; email_encrypted: string }>(
        'SELECT email_lookup, email_encrypted FROM users WHERE id = $1',
        [user.id],
      );
      expect(row!.email_encrypted).not.toContain(user.email);
      expect(row!.email_encrypted).not.toContain(user.email.split('@')[0]);
      expect(row!.email_lookup).not.toContain(user.email.split('@')[0]);
    });

    test('erasure deletes the account and its positions; the audit trail stays, naming neither the user nor their positions', async () => {
      const user = await signUp(ctx.api, 'forget-me');
      const position = await addPosition(user.api, 3);
      const trail = await ctx.server.sql<{ id: string }>(
        'SELECT id::text AS id FROM audit_log WHERE user_id = $1',
        [user.id],
      );
      expect(trail.length).toBeGreaterThanOrEqual(3);

      const erased = await user.api.delete('/api/auth/me');
      expect(erased.status).toBe(204);

      expect(await ctx.server.sql('SELECT 1 FROM users WHERE id = $1', [user.id])).toEqual([]);
      expect(
        await ctx.server.sql('SELECT 1 FROM positions WHERE user_id = $1 OR id = $2', [
          user.id,
          position.position_id,
        ]),
      ).toEqual([]);
      expect(await ctx.server.sql('SELECT 1 FROM audit_log WHERE user_id = $1', [user.id])).toEqual([]);
      const kept = await ctx.server.sql<{
        user_id: string | null;
        resource_id: string | null;
        details: { erased_user?: boolean; subject?: string };
      }>('SELECT user_id, resource_id, details FROM audit_log WHERE id = ANY($1::bigint[])', [
        trail.map((t) => t.id),
      ]);
      expect(kept).toHaveLength(trail.length);
      // One pseudonym per erasure, in place of the user's id and their position ids.
      const subject = kept[0]?.details.subject;
      expect(subject).toMatch(/^erased:/);
      for (const entry of kept) {
        expect(entry).toMatchObject({ user_id: null, details: { erased_user: true, subject } });
        if (entry.resource_id !== null) expect(entry.resource_id.startsWith(subject as string)).toBe(true);
      }
      const naming = await ctx.server.sql('SELECT 1 FROM audit_log a WHERE a::text LIKE ANY($1::text[])', [
        [`%${user.id}%`, `%${position.position_id}%`],
      ]);
      expect(naming).toEqual([]);
      const erasure = await ctx.server.sql(
        'SELECT user_id FROM audit_log WHERE action = $1 AND resource_id = $2',
        ['user.erase', subject],
      );
      expect(erasure).toEqual([{ user_id: null }]);

      // Gone for the API too: no login, and the address is free again.
      const login = await ctx.api.post('/api/auth/login', { email: user.email, password: user.password });
      expect(login.status).toBe(401);
      const again = await ctx.api.post('/api/auth/register', { email: user.email, password: user.password });
      expect(again.status).toBe(201);
    });
  });
}
