// End to end over HTTP against a real server on embedded PGlite (a temp DATA_DIR).
import { endToEndSpec } from './helpers/e2e/spec.js';

endToEndSpec('pglite');
