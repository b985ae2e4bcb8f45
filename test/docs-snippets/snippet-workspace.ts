import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import type { DocSnippet } from './extract-snippets.js';

/** Where a snippet runs and how long it may take. */
export interface SnippetWorkspaceOptions {
  /** The repository root: snippets run with it as the working directory and resolve packages from it. */
  readonly root: string;
  /** The compiler options the snippets are type-checked with (a tsconfig.json; its files are ignored). */
  readonly tsconfig: string;
  /** A snippet still running after this is killed and fails. */
  readonly timeoutMs: number;
}

/** The snippets written out, type-checked together, and ready to run one by one. */
export interface SnippetWorkspace {
  /** The folder holding the snippet files (inside `root/node_modules/.cache`). */
  readonly dir: string;
  /** `undefined` when the snippet type-checks and runs to exit code 0, else why not. */
  check(snippet: DocSnippet): Promise<string | undefined>;
  /** Removes the folder. */
  dispose(): void;
}

/** What one run of a snippet did. */
export interface SnippetRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Writes every snippet to its own `.mts` file in a fresh folder under `root/node_modules/.cache`
 * and type-checks all of them in one TypeScript program (one program is much faster than one per
 * snippet). The folder is inside the repository, so `@da-ki/*` and every other import resolve
 * through the repository's node_modules exactly as in a user's project; it is under node_modules,
 * so neither git nor biome ever sees a left-over file. `.mts` makes each snippet a module of its
 * own, so top-level `await` works and snippets cannot see each other's variables.
 */
/**
 * A fresh folder under `root/node_modules/.cache` (created when missing, as in a fresh clone where
 * no tool has written a cache yet): inside the repository for module resolution, invisible to git.
 */
export function scratchFolder(root: string, prefix: string): string {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  return mkdtempSync(join(cache, prefix));
}

export function prepareSnippets(
  snippets: readonly DocSnippet[],
  options: SnippetWorkspaceOptions,
): SnippetWorkspace {
  const dir = scratchFolder(options.root, 'da-ki-docs-snippets-');
  const paths = new Map<DocSnippet, string>();
  snippets.forEach((snippet, index) => {
    const path = join(dir, `${String(index).padStart(3, '0')}-${slug(snippet.file)}-L${snippet.line}.mts`);
    writeFileSync(path, `${snippet.code}\n`);
    paths.set(snippet, path);
  });
  const typeErrors = typecheck(dir, paths, options.tsconfig);

  return {
    dir,
    async check(snippet) {
      const path = paths.get(snippet);
      if (path === undefined) throw new Error(`${where(snippet)} was not prepared in this workspace`);
      const errors = typeErrors.get(snippet) ?? [];
      const run = await runSnippet(path, { cwd: options.root, timeoutMs: options.timeoutMs });
      return describeFailure(snippet, errors, run, options.timeoutMs);
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs one TypeScript file as a user would (`node --import tsx file.mts`) with `cwd` as the
 * working directory, killing it after `timeoutMs`.
 */
export function runSnippet(path: string, options: { cwd: string; timeoutMs: number }): Promise<SnippetRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolvePromise({ exitCode, signal, timedOut, stdout, stderr });
    });
  });
}

/** `file:line` of the block's opening fence, the place a reader goes to fix it. */
export function where(snippet: DocSnippet): string {
  return `${snippet.file}:${snippet.line}`;
}

function typecheck(
  dir: string,
  paths: ReadonlyMap<DocSnippet, string>,
  tsconfig: string,
): Map<DocSnippet, string[]> {
  // A tsconfig in the snippet folder that extends the given one: the compiler options come from
  // there, and `npx tsc -p <dir>` reproduces the check by hand while debugging.
  const localConfig = join(dir, 'tsconfig.json');
  writeFileSync(localConfig, JSON.stringify({ extends: resolve(tsconfig), include: ['*.mts'] }, null, 2));
  const parsed = ts.getParsedCommandLineOfConfigFile(localConfig, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(`${tsconfig}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    },
  });
  if (parsed === undefined) throw new Error(`${tsconfig}: cannot be read`);
  const snippetByPath = new Map([...paths].map(([snippet, path]) => [resolve(path), snippet]));
  const program = ts.createProgram({ rootNames: [...snippetByPath.keys()], options: parsed.options });
  const errors = new Map<DocSnippet, string[]>();
  const everywhere: string[] = parsed.errors.map((diagnostic) => formatGlobal(diagnostic, dir));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const snippet =
      diagnostic.file === undefined ? undefined : snippetByPath.get(resolve(diagnostic.file.fileName));
    if (snippet === undefined || diagnostic.file === undefined || diagnostic.start === undefined) {
      everywhere.push(formatGlobal(diagnostic, dir));
      continue;
    }
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    // The snippet's first line is the line after the opening fence.
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
    const list = errors.get(snippet) ?? [];
    list.push(`${snippet.file}:${snippet.line + 1 + line}:${character + 1} TS${diagnostic.code}: ${message}`);
    errors.set(snippet, list);
  }
  // A diagnostic outside any snippet (a broken tsconfig, a package's types) fails every snippet.
  if (everywhere.length > 0) {
    for (const snippet of paths.keys()) errors.set(snippet, [...everywhere, ...(errors.get(snippet) ?? [])]);
  }
  return errors;
}

function formatGlobal(diagnostic: ts.Diagnostic, dir: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
  if (diagnostic.file === undefined || diagnostic.start === undefined)
    return `TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const file = relative(dir, diagnostic.file.fileName);
  return `${file}:${line + 1}:${character + 1} TS${diagnostic.code}: ${message}`;
}

function describeFailure(
  snippet: DocSnippet,
  typeErrors: readonly string[],
  run: SnippetRun,
  timeoutMs: number,
): string | undefined {
  const ran = !run.timedOut && run.exitCode === 0;
  if (ran && typeErrors.length === 0) return undefined;
  const parts = [`the \`\`\`ts block at ${where(snippet)} does not work as written`];
  if (typeErrors.length > 0)
    parts.push(`type errors:\n${typeErrors.map((error) => `  ${error}`).join('\n')}`);
  if (run.timedOut) parts.push(`still running after ${timeoutMs} ms: killed`);
  else if (!ran) parts.push(run.signal === null ? `exit code ${run.exitCode}` : `killed by ${run.signal}`);
  if (!ran) parts.push(`stderr:\n${run.stderr.trimEnd() || '(empty)'}`);
  return parts.join('\n');
}

function slug(file: string): string {
  return file.replace(/[^A-Za-z0-9]+/g, '_');
}
