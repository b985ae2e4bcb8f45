import { describe, expect, it } from 'vitest';
import {
  isPythonUpper,
  splitPythonWhitespace,
  stripPunctuationIfWord,
  wordsAndEmoticons,
} from './python-text.js';

// Expected values are what CPython 3 returns for the same calls.
describe('Python str behaviours used by VADER', () => {
  it('splits like str.split(): Python whitespace, no empty pieces', () => {
    expect(splitPythonWhitespace('  a\tb\n\nc  ')).toEqual(['a', 'b', 'c']);
    // U+001C..U+001F and U+0085 separate in Python, not in JavaScript's \s.
    expect(splitPythonWhitespace('a\x1cb\x85c\u3000d')).toEqual(['a', 'b', 'c', 'd']);
    // U+FEFF and U+200B are not whitespace in Python.
    expect(splitPythonWhitespace('a\ufeffb\u200bc')).toEqual(['a\ufeffb\u200bc']);
    expect(splitPythonWhitespace('')).toEqual([]);
    expect(splitPythonWhitespace(' \t ')).toEqual([]);
  });

  it('strips punctuation from a token unless two characters or fewer would remain', () => {
    expect(stripPunctuationIfWord('funny!')).toBe('funny');
    expect(stripPunctuationIfWord('"(great)"')).toBe('great');
    expect(stripPunctuationIfWord(':)')).toBe(':)');
    expect(stripPunctuationIfWord(':D')).toBe(':D');
    expect(stripPunctuationIfWord('ok,')).toBe('ok,');
    expect(stripPunctuationIfWord("isn't.")).toBe("isn't");
    // Python counts code points: two emoji are two characters, kept whole with their punctuation.
    expect(stripPunctuationIfWord('😀😀!')).toBe('😀😀!');
    expect(stripPunctuationIfWord('😀😀😀!')).toBe('😀😀😀');
    expect(wordsAndEmoticons('VADER is smart, handsome, and funny!')).toEqual([
      'VADER',
      'is',
      'smart',
      'handsome',
      'and',
      'funny',
    ]);
  });

  it('tests capitals like str.isupper(), including non-ASCII letters', () => {
    expect(isPythonUpper('VERY')).toBe(true);
    expect(isPythonUpper('SUX!')).toBe(true);
    expect(isPythonUpper(':-)')).toBe(false); // no cased character
    expect(isPythonUpper('Very')).toBe(false);
    expect(isPythonUpper('ÉCOLE')).toBe(true);
    expect(isPythonUpper('ÉCOLe')).toBe(false);
    expect(isPythonUpper('STRAẞE')).toBe(true); // capital sharp s is uppercase
    expect(isPythonUpper('ǅ')).toBe(false); // titlecase
    expect(isPythonUpper('123')).toBe(false);
  });
});
