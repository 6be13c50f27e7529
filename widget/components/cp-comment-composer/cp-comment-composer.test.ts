import { expect } from '@open-wc/testing';
import type { Person } from '../../api/api.types.js';
import { mentionAt, mentionCandidates } from './mention.js';

const people: Person[] = [
  { id: 'u1', name: 'Ana Silva', role: 'contact', customerId: 'c' },
  { id: 'u2', name: 'Luis Moreno', role: 'contact', customerId: 'c' },
  { id: 'u3', name: 'Élodie Martin', role: 'staff', customerId: null },
];

describe('cp-comment-composer mentions', () => {
  it('finds the @name being typed before the caret, one space allowed', () => {
    expect(mentionAt('Hi @An', 6)).to.deep.equal({ start: 3, query: 'An' });
    expect(mentionAt('Hi @Ana Si', 10)).to.deep.equal({ start: 3, query: 'Ana Si' });
    expect(mentionAt('mail me@example', 15)).to.equal(null);
    expect(mentionAt('Hi @Ana', 2)).to.equal(null);
  });

  it('suggests people by any word of their name, without accents or case', () => {
    expect(mentionCandidates(people, 'mor').map((p) => p.name)).to.deep.equal(['Luis Moreno']);
    expect(mentionCandidates(people, 'elo').map((p) => p.name)).to.deep.equal(['Élodie Martin']);
    expect(mentionCandidates(people, '').map((p) => p.name)).to.deep.equal(['Ana Silva', 'Élodie Martin', 'Luis Moreno']);
  });
});
