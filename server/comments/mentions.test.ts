import { describe, expect, it } from 'vitest';
import { findMentions } from './mentions.js';

const people = [
  { id: 'ana', name: 'Ana' },
  { id: 'ana-silva', name: 'Ana Silva' },
  { id: 'jose', name: 'José Núñez' },
  { id: 'odd', name: 'R. (Bob) O\'Neil' },
  { id: 'twin-1', name: 'Alex Kim' },
  { id: 'twin-2', name: 'alex kim' },
];

describe('findMentions', () => {
  it('takes the longest name after @, case-insensitively, at a word boundary', () => {
    expect(findMentions('@Ana Silva please look', people)).toEqual(['ana-silva']);
    expect(findMentions('@ana silva, and @ANA.', people)).toEqual(['ana-silva', 'ana']);
    expect(findMentions('@Ana Silvana is someone else', people)).toEqual(['ana']);
    expect(findMentions('@Anastasia', people)).toEqual([]);
    expect(findMentions('(@josé núñez)', people)).toEqual(['jose']);
    expect(findMentions("cc @R. (Bob) O'Neil", people)).toEqual(['odd']);
  });

  it('takes names with hyphens and other punctuation', () => {
    expect(findMentions('Thanks @Jean-Luc Picard and @Sam (EU)', [{ id: 'usr_j', name: 'Jean-Luc Picard' }, { id: 'usr_s', name: 'Sam (EU)' }]).sort()).toEqual(['usr_j', 'usr_s']);
  });

  it('ignores addresses, code and unknown names', () => {
    expect(findMentions('write to ana@acme.test', people)).toEqual([]);
    expect(findMentions('run `notify @Ana` then', people)).toEqual([]);
    expect(findMentions('```\n@Ana Silva\n```\nnot @Someone', people)).toEqual([]);
    expect(findMentions('@ Ana', people)).toEqual([]);
    expect(findMentions('@Ana', [])).toEqual([]);
  });

  it('mentions everyone who shares a name, once each', () => {
    expect(findMentions('@Alex Kim and again @alex KIM', people)).toEqual(['twin-1', 'twin-2']);
  });
});
