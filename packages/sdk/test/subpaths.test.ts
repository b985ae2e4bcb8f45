import * as root from '@da-ki/sdk';
import * as cache from '@da-ki/sdk/cache';
import * as indicators from '@da-ki/sdk/indicators';
import * as scoring from '@da-ki/sdk/scoring';
import * as sentiment from '@da-ki/sdk/sentiment';
import { describe, expect, it } from 'vitest';

describe('subpath exports', () => {
  it('each subpath is a part of the root surface: the same functions and classes, not copies', () => {
    for (const [name, part] of Object.entries({ cache, indicators, scoring, sentiment })) {
      const names = Object.keys(part);
      expect(names.length, name).toBeGreaterThan(0);
      for (const exported of names) {
        expect((root as Record<string, unknown>)[exported], `${name}.${exported}`).toBe(
          (part as Record<string, unknown>)[exported],
        );
      }
    }
  });
});
