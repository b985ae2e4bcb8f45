// Preloaded into a measured `da-ki` process (`node --import ./rss-probe.mjs ...`): on exit it
// writes the process's peak resident set size, in bytes, to the file named by DA_KI_RSS_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.DA_KI_RSS_FILE;
if (target) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes (getrusage ru_maxrss on Linux).
    writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
