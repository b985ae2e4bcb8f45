#!/usr/bin/env node
// The `da-ki` executable: the process's streams around runCli, and its exit code.
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY === true,
  env: process.env,
}).then((code) => {
  // exitCode, not exit(): lets stdout drain when it is a pipe (`da-ki rank dir --format json | jq`).
  process.exitCode = code;
});
