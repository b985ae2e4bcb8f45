#!/usr/bin/env node
// The `da-ki` executable as npm links it. It lives outside dist/ on purpose: npm links a workspace's
// bin at install time, before the `prepare` build has written dist/, and skips a target that does not
// exist yet — so `npx da-ki` in a fresh clone would find no executable.
import '../dist/bin.js';
