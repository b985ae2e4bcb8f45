import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One ```ts block of a markdown file. */
export interface DocSnippet {
  /** The markdown file, relative to the root it was collected from (forward slashes). */
  readonly file: string;
  /** 1-based line of the opening fence in `file`. */
  readonly line: number;
  /** The block's code, without the fences; its first line is `line + 1` of `file`. */
  readonly code: string;
}

/** Info strings that mark a block as TypeScript to be compiled and run. */
const TYPESCRIPT_LANGUAGES = new Set(['ts', 'typescript']);

// CommonMark fences: up to three spaces of indent, then at least three backticks or tildes.
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/**
 * The ```ts and ```typescript blocks of a markdown text, in order.
 *
 * Fences follow CommonMark: a block closes at a fence of the same character that is at least as
 * long as the opening one and has no info string, so a ```ts example inside a longer ````md fence
 * is part of that outer block and not extracted. A block left open runs to the end of the file,
 * as CommonMark renders it.
 */
export function extractTsSnippets(markdown: string, file: string): DocSnippet[] {
  const lines = markdown.split(/\r?\n/);
  const snippets: DocSnippet[] = [];
  let open: { fence: string; indent: number; line: number; isTs: boolean; body: string[] } | undefined;
  lines.forEach((text, index) => {
    const match = FENCE.exec(text);
    if (open === undefined) {
      if (match === null) return;
      const [, indent = '', fence = '', info = ''] = match;
      // A backtick fence's info string may not contain a backtick (that is inline code).
      if (fence.startsWith('`') && info.includes('`')) return;
      const language = info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      open = {
        fence,
        indent: indent.length,
        line: index + 1,
        isTs: TYPESCRIPT_LANGUAGES.has(language),
        body: [],
      };
      return;
    }
    const closes =
      match !== null &&
      match[2]?.[0] === open.fence[0] &&
      (match[2]?.length ?? 0) >= open.fence.length &&
      (match[3] ?? '').trim() === '';
    if (closes) {
      if (open.isTs) snippets.push({ file, line: open.line, code: open.body.join('\n') });
      open = undefined;
      return;
    }
    // Content lines lose up to the opening fence's indentation, as CommonMark does.
    const strip = Math.min(open.indent, text.length - text.trimStart().length);
    open.body.push(text.slice(strip));
  });
  if (open?.isTs) snippets.push({ file, line: open.line, code: open.body.join('\n') });
  return snippets;
}

/**
 * The markdown files whose ```ts blocks must run: README.md, docs/*.md and packages/*\/README.md
 * under `root`, as paths relative to `root` with forward slashes, sorted.
 */
export function findDocFiles(root: string): string[] {
  const docs = listDir(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  const packageReadmes = listDir(join(root, 'packages')).map((name) => `packages/${name}/README.md`);
  return ['README.md', ...docs, ...packageReadmes].filter((file) => existsSync(join(root, file))).sort();
}

/** The ```ts snippets of `files` (paths relative to `root`, as `findDocFiles` returns them). */
export function collectSnippets(root: string, files: readonly string[]): DocSnippet[] {
  return files.flatMap((file) => extractTsSnippets(readFileSync(join(root, file), 'utf8'), file));
}

function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}
