/**
 * Docs that run: every ```ts (or ```typescript) block in README.md, docs/*.md and
 * packages/*\/README.md is a complete program, type-checked against the built packages
 * (`@da-ki/*` resolve through node_modules to `dist`, as for a user who installed them) and run
 * with `node --import tsx` from the repository root. One test per block, named `file:line` of its
 * opening fence; a failure shows the type errors at their markdown lines and the block's stderr.
 *
 * A block that is not meant to run (a type shape, a fragment, output, a SQL or shell example) is
 * simply not ```ts: fence it as ```text (or ```sql, ```sh, ```json). There is no opt-out attribute:
 * a ```ts block on the page is a promise that it runs.
 *
 * Snippets must finish on their own (close servers, connections, timers) within the timeout and
 * may read files relative to the repository root (`../shared/data/...`, `examples/data/...`).
 * `npm test` builds the packages first; run alone, this needs `packages/*\/dist` to be current.
 * The runner itself is tested in test/docs-snippets/snippet-workspace.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
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

  it.each(snippets.map((snippet) => [where(snippet), snippet] as const))(
    '%s type-checks and runs',
    async (_, snippet) => {
      const failure = await workspace.check(snippet);
      if (failure !== undefined) throw new Error(failure);
    },
    SNIPPET_TIMEOUT_MS + 10_000,
  );
});
