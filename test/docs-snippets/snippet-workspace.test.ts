import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSnippets, type DocSnippet, extractTsSnippets, findDocFiles } from './extract-snippets.js';
import { prepareSnippets, type SnippetWorkspace, scratchFolder } from './snippet-workspace.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsconfig = fileURLToPath(new URL('../tsconfig.snippets.json', import.meta.url));

const fence = '```';

describe('extractTsSnippets', () => {
  it('takes ts and typescript blocks with the line of their opening fence, and nothing else', () => {
    const markdown = [
      '# Title', // 1
      `${fence}ts`, // 2
      "const a = 'first';", // 3
      fence, // 4
      `${fence}text`, // 5
      'not code at all', // 6
      fence, // 7
      `${fence}typescript title="x"`, // 8
      'const b = 2;', // 9
      'console.log(b);', // 10
      fence, // 11
      `${fence}sh`, // 12
      'npm test', // 13
      fence, // 14
    ].join('\n');
    expect(extractTsSnippets(markdown, 'doc.md')).toEqual([
      { file: 'doc.md', line: 2, code: "const a = 'first';" },
      { file: 'doc.md', line: 8, code: 'const b = 2;\nconsole.log(b);' },
    ]);
  });

  it('leaves a ts block shown inside a longer fence alone, and reads tilde and indented fences', () => {
    const markdown = [
      '````md', // 1
      `${fence}ts`, // 2
      'shown, not run', // 3
      fence, // 4
      '````', // 5
      '~~~ts', // 6
      'const tilde = 1;', // 7
      '~~~', // 8
      '- a list item:', // 9
      `  ${fence}ts`, // 10
      '  const indented = 1;', // 11
      `  ${fence}`, // 12
    ].join('\n');
    expect(extractTsSnippets(markdown, 'doc.md')).toEqual([
      { file: 'doc.md', line: 6, code: 'const tilde = 1;' },
      { file: 'doc.md', line: 10, code: 'const indented = 1;' },
    ]);
  });

  it('does not end a block at a fence with an info string, and keeps a block left open', () => {
    const markdown = [`${fence}ts`, 'const a = 1;', `${fence}ts`, 'const b = 2;'].join('\n');
    expect(extractTsSnippets(markdown, 'doc.md')).toEqual([
      { file: 'doc.md', line: 1, code: `const a = 1;\n${fence}ts\nconst b = 2;` },
    ]);
  });
});

describe('findDocFiles', () => {
  let fakeRoot: string;
  beforeAll(() => {
    fakeRoot = scratchFolder(root, 'da-ki-docs-files-');
    for (const dir of ['docs', 'packages/a', 'packages/b'])
      mkdirSync(join(fakeRoot, dir), { recursive: true });
    for (const file of ['README.md', 'docs/z.md', 'docs/a.md', 'docs/notes.txt', 'packages/a/README.md']) {
      writeFileSync(join(fakeRoot, file), '# x\n');
    }
  });
  afterAll(() => rmSync(fakeRoot, { recursive: true, force: true }));

  it('lists README.md, docs/*.md and the package READMEs that exist', () => {
    expect(findDocFiles(fakeRoot)).toEqual(['README.md', 'docs/a.md', 'docs/z.md', 'packages/a/README.md']);
  });
});

describe('a snippet workspace', () => {
  // A temporary markdown file with one block that works and three that are broken in the ways docs
  // rot: a variable that is not defined, a wrong type that still runs, and a throw at run time.
  const markdown = [
    '# Broken on purpose', // 1
    `${fence}ts`, // 2
    "import { sma } from '@da-ki/sdk';", // 3
    'const value = await Promise.resolve(sma([1, 2, 3], 2).at(-1));', // 4
    "if (value !== 2.5) throw new Error('unexpected ' + value);", // 5
    fence, // 6
    `${fence}ts`, // 7
    "import { rsi } from '@da-ki/sdk';", // 8
    'console.log(rsi(closes, 14));', // 9
    fence, // 10
    `${fence}ts`, // 11
    "const count: number = 'three';", // 12
    'console.log(count);', // 13
    fence, // 14
    `${fence}typescript`, // 15
    "throw new Error('the API changed');", // 16
    fence, // 17
    `${fence}text`, // 18
    'this is no program', // 19
    fence, // 20
  ].join('\n');
  let docRoot: string;
  let snippets: DocSnippet[];
  let workspace: SnippetWorkspace;

  beforeAll(() => {
    docRoot = scratchFolder(root, 'da-ki-docs-broken-');
    writeFileSync(join(docRoot, 'broken.md'), markdown);
    snippets = collectSnippets(docRoot, ['broken.md']);
    workspace = prepareSnippets(snippets, { root, tsconfig, timeoutMs: 30_000 });
  }, 120_000);
  afterAll(() => {
    workspace?.dispose();
    rmSync(docRoot, { recursive: true, force: true });
  });

  it('finds the four ts blocks', () => {
    expect(snippets.map((snippet) => snippet.line)).toEqual([2, 7, 11, 15]);
  });

  it('passes a complete snippet with imports from the built packages and top-level await', async () => {
    expect(await workspace.check(snippets[0]!)).toBeUndefined();
  }, 40_000);

  it('fails an undefined variable at its markdown line, with the ReferenceError from stderr', async () => {
    const failure = await workspace.check(snippets[1]!);
    expect(failure).toContain('the ```ts block at broken.md:7 does not work as written');
    expect(failure).toContain("broken.md:9:17 TS2304: Cannot find name 'closes'.");
    expect(failure).toContain('exit code 1');
    expect(failure).toContain('ReferenceError: closes is not defined');
  }, 40_000);

  it('fails a type error even when the snippet runs', async () => {
    const failure = await workspace.check(snippets[2]!);
    expect(failure).toContain('broken.md:11');
    expect(failure).toMatch(/broken\.md:12:7 TS2322: Type 'string' is not assignable to type 'number'/);
    expect(failure).not.toContain('exit code');
  }, 40_000);

  it('fails a snippet that throws, with its stderr', async () => {
    const failure = await workspace.check(snippets[3]!);
    expect(failure).toContain('broken.md:15');
    expect(failure).not.toContain('type errors');
    expect(failure).toContain('exit code 1');
    expect(failure).toContain('Error: the API changed');
  }, 40_000);
});

describe('a snippet that does not finish', () => {
  let workspace: SnippetWorkspace;
  const snippet: DocSnippet = { file: 'hang.md', line: 3, code: 'setInterval(() => {}, 1_000);' };
  beforeAll(() => {
    workspace = prepareSnippets([snippet], { root, tsconfig, timeoutMs: 1_500 });
  }, 120_000);
  afterAll(() => workspace?.dispose());

  it('is killed at the timeout and fails', async () => {
    const failure = await workspace.check(snippet);
    expect(failure).toContain('hang.md:3');
    expect(failure).toContain('still running after 1500 ms: killed');
  }, 40_000);
});
