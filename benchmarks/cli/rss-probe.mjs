// Preloaded into a measured `da-ki` process (`node --import ./rss-probe.mjs ...`): on exit it
// writes the process's peak resident set size (bytes) and CPU time (ms, user + system, all
// threads) as JSON to the file named by DA_KI_PROBE_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.DA_KI_PROBE_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage(); // maxRSS in kilobytes, CPU times in microseconds
    writeFileSync(
      target,
      JSON.stringify({
        peakRssBytes: usage.maxRSS * 1024,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      }),
    );
  });
}
