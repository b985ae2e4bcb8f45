// No imports on purpose: the dashboard bundles this value, and nothing else of the contract.

/** The five factors of the growth score, in the order the API reports them. */
export const FACTOR_NAMES = ['performance', 'fundamental', 'sentiment', 'sector', 'momentum'] as const;

/** Name of one of the five factors. */
export type FactorName = (typeof FACTOR_NAMES)[number];
