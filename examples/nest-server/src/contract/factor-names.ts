// No imports on purpose: the dashboard bundles this value, and nothing else of the contract.
// Re-exporting the SDK's FACTOR_NAMES (`@da-ki/sdk/scoring`) instead pulled the scoring chunk and
// zod into the dashboard (main bundle 142 KB -> 213 KB, measured 2026-12-04), so the list is
// restated here; package-parity.ts (names) and test/wire-contract.test.ts (order) keep it equal.

/** The five factors of the growth score, in the order the API reports them. */
export const FACTOR_NAMES = ['performance', 'fundamental', 'sentiment', 'sector', 'momentum'] as const;

/** Name of one of the five factors. */
export type FactorName = (typeof FACTOR_NAMES)[number];
