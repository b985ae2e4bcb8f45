import { type CliIo, runCli } from '../src/index.js';

/** What one in-process run of the command line printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `da-ki <argv>` in this process, capturing stdout and stderr. */
export async function runDaKi(
  argv: readonly string[],
  options: { isTTY?: boolean; cwd?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    ...(options.cwd ? { cwd: options.cwd } : {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
