// The README's SDK example, kept runnable: npx tsx examples/readme.ts (after npm run build).
import { SyntheticMarketProvider } from '@da-ki/providers';
import { createAnalyzer, rsi, sma } from '@da-ki/sdk';

const provider = new SyntheticMarketProvider({ seed: 42 });
const analyzer = createAnalyzer({ market: provider, fundamentals: provider, news: provider });

const [best] = await analyzer.top(1);
if (!best) throw new Error('no stock could be scored');
console.log(best.symbol, best.score.toFixed(1), best.grades.overall, best.explanations);

const bars = await provider.getBars(best.symbol);
console.log('RSI(14)', rsi(bars.close, 14).at(-1), 'SMA(50)', sma(bars.close, 50).at(-1));
