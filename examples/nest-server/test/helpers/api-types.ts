// The response types are the wire contract's (src/contract); this module keeps the older import path.
export type { ErrorBody, PositionView, TokenResponse, Top10Response } from '../../src/contract/index.js';
