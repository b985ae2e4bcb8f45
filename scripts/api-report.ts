/**
 * API report: every name each package's entry points export (the root and every subpath of its
 * package.json "exports"), with its kind, in `api/<package>.api.md`. A change of a public surface
 * then shows in review as a change of that file.
 *
 * `npm run api:report` rewrites the reports; test/api-report.test.ts renders them again and fails,
 * with the difference, when a committed report no longer matches the sources.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** One import specifier of a package (`@da-ki/sdk/indicators`) and its source file. */
export interface EntryPoint {
  specifier: string;
  file: string;
}

/** A published package of the workspace and its entry points. */
export interface PackageEntries {
  name: string;
  /** Report file, relative to the repository root: `api/<unscoped name>.api.md`. */
  report: string;
  entries: EntryPoint[];
}

/** One exported name and what it is (`function`, `class`, `interface`, `type`, `const`, ...). */
export interface ExportedName {
  name: string;
  kind: string;
}

export const REPORT_COMMAND = 'npm run api:report';

/**
 * The packages under `packages/` and their entry points. An export key `.` is `src/index.ts`, a
 * subpath `./x` is `src/x/index.ts` (the layout tsup's entries follow); a key whose source file is
 * missing is an error, so the report never silently skips a published subpath.
 */
export function findPackages(root: string): PackageEntries[] {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir)
    .filter((dir) => existsSync(join(packagesDir, dir, 'package.json')))
    .sort()
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as {
        name: string;
        exports?: Record<string, unknown>;
      };
      const keys = Object.keys(manifest.exports ?? { '.': null }).filter((key) => key !== './package.json');
      const entries = keys.map((key) => {
        const file = join(packagesDir, dir, 'src', key === '.' ? '' : key.slice(2), 'index.ts');
        if (!existsSync(file)) {
          throw new Error(`${manifest.name}: export "${key}" has no source entry ${relative(root, file)}`);
        }
        return { specifier: key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`, file };
      });
      return { name: manifest.name, report: `api/${manifest.name.split('/').pop()}.api.md`, entries };
    });
}

/** The exported names of each file, resolved with the compiler options of the root tsconfig.json. */
export function collectExports(root: string, files: readonly string[]): Map<string, ExportedName[]> {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
  const program = ts.createProgram({ rootNames: [...files], options: { ...parsed.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const out = new Map<string, ExportedName[]>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read the exports of ${relative(root, file)}`);
    const names = checker.getExportsOfModule(moduleSymbol).map((symbol) => ({
      name: symbol.name,
      kind: kindOf(checker, symbol),
    }));
    out.set(
      file,
      names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    );
  }
  return out;
}

/** `class`, `function`, ... of the declaration an export resolves to; `(type only)` for `export type`. */
function kindOf(checker: ts.TypeChecker, exported: ts.Symbol): string {
  let symbol = exported;
  let typeOnly = false;
  while (symbol.flags & ts.SymbolFlags.Alias) {
    typeOnly ||= (symbol.declarations ?? []).some(isTypeOnlyExport);
    const next = checker.getImmediateAliasedSymbol(symbol);
    if (!next || next === symbol) break;
    symbol = next;
  }
  const kinds = [...new Set((symbol.declarations ?? []).map(declarationKind))].sort();
  const kind = kinds.length > 0 ? kinds.join(' + ') : 'unknown';
  return typeOnly && kinds.some((k) => !TYPE_KINDS.has(k)) ? `${kind} (type only)` : kind;
}

const TYPE_KINDS = new Set(['interface', 'type']);

function isTypeOnlyExport(declaration: ts.Declaration): boolean {
  if (ts.isExportSpecifier(declaration))
    return declaration.isTypeOnly || declaration.parent.parent.isTypeOnly;
  return false;
}

function declarationKind(declaration: ts.Declaration): string {
  if (ts.isFunctionDeclaration(declaration)) return 'function';
  if (ts.isClassDeclaration(declaration)) {
    const abstract = declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword);
    return abstract ? 'abstract class' : 'class';
  }
  if (ts.isInterfaceDeclaration(declaration)) return 'interface';
  if (ts.isTypeAliasDeclaration(declaration)) return 'type';
  if (ts.isEnumDeclaration(declaration)) return 'enum';
  if (ts.isModuleDeclaration(declaration)) return 'namespace';
  if (ts.isVariableDeclaration(declaration)) {
    return declaration.parent.flags & ts.NodeFlags.Const ? 'const' : 'let';
  }
  return ts.SyntaxKind[declaration.kind];
}

/** The markdown report of one package. */
export function renderReport(pkg: PackageEntries, exports: Map<string, ExportedName[]>): string {
  const lines = [
    `# ${pkg.name}: public API`,
    '',
    `Generated by \`${REPORT_COMMAND}\` (scripts/api-report.ts) and compared by test/api-report.test.ts.`,
    'Every name a user can import, per entry point. A change of this file is a change of the public',
    'surface: review it as one.',
  ];
  for (const entry of pkg.entries) {
    const names = exports.get(entry.file) ?? [];
    lines.push(
      '',
      `## \`${entry.specifier}\` (${names.length} names)`,
      '',
      '| Name | Kind |',
      '| --- | --- |',
    );
    for (const { name, kind } of names) lines.push(`| \`${name}\` | ${kind} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every package's report, keyed by its path relative to `root`. */
export function renderReports(root: string): Map<string, string> {
  const packages = findPackages(root);
  const exports = collectExports(
    root,
    packages.flatMap((pkg) => pkg.entries.map((entry) => entry.file)),
  );
  return new Map(packages.map((pkg) => [pkg.report, renderReport(pkg, exports)]));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const [path, text] of renderReports(root)) {
    writeFileSync(join(root, path), text);
    console.log(`wrote ${path}`);
  }
}
