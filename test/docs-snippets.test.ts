/**
 * Docs that run: every ```ts (or ```typescript) block in README.md, docs/*.md and
 * packages/*\/README.md is a complete program. All blocks are type-checked in one TypeScript
 * program with the options of test/tsconfig.snippets.json (no `paths`: `@da-ki/*` resolve through
 * node_modules to the built packages' `dist` types, as for a user who installed them), then each
 * runs alone with `node --import tsx`, from the repository root, with this process's environment
 * (REDIS_URL, DATABASE_URL), killed after SNIPPET_TIMEOUT_MS. One test per block, named `file:line`
 * of its opening fence; a failure shows the type errors at their markdown lines and the stderr.
 *
 * A block that is not meant to run (a type shape, a fragment, output, a client of a running
 * server, a SQL or shell example) is simply not ```ts: fence it as ```text (or ```sql, ```sh,
 * ```json). There is no opt-out attribute: a ```ts block on the page is a promise that it runs.
 *
 * Snippets must finish on their own (close servers, connections, timers), should take well under
 * 5 s, may read files relative to the repository root (`examples/data`, `../shared/data/...`), and
 * must leave nothing behind. `npm test` builds the packages first; run alone, this needs
 * `packages/*\/dist` to be current. One file's blocks: `npx vitest run test/docs-snippets.test.ts
 * -t docs/cache.md`. The runner itself is tested in test/docs-snippets/snippet-workspace.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSnippets, findDocFiles } from './docs-snippets/extract-snippets.js';
import { prepareSnippets, type SnippetWorkspace, where } from './docs-snippets/snippet-workspace.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsconfig = fileURLToPath(new URL('./tsconfig.snippets.json', import.meta.url));
// Snippets are meant to take well under 5 s; the margin is for a loaded machine.
const SNIPPET_TIMEOUT_MS = 30_000;

const snippets = collectSnippets(root, findDocFiles(root));

describe('the ```ts blocks of the docs', () => {
  let workspace: SnippetWorkspace;
  beforeAll(() => {
    workspace = prepareSnippets(snippets, { root, tsconfig, timeoutMs: SNIPPET_TIMEOUT_MS });
  }, 180_000);
  afterAll(() => workspace?.dispose());

  it('finds the blocks: README.md has at least one', () => {
    expect(snippets.some((snippet) => snippet.file === 'README.md')).toBe(true);
  });

  it.each(snippets.map((snippet) => [where(snippet), snippet] as const))(
    '%s type-checks and runs',
    async (_, snippet) => {
      const failure = await workspace.check(snippet);
      if (failure !== undefined) throw new Error(failure);
    },
    SNIPPET_TIMEOUT_MS + 10_000,
  );
});
