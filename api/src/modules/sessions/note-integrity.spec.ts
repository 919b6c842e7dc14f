import { createHash } from 'node:crypto';
import { canonicalNoteText } from '@attune/domain';
import { addendaIntegrity, addendumHash, noteHash, noteIntegrity } from './note-integrity.js';

describe('note integrity', () => {
  const note = { betterSinceLast: 'Slept better', freeText: 'Line one\r\nLine two' };

  it('hashes libs\' canonical text with SHA-256 (hex), so line endings and key order do not matter', () => {
    expect(noteHash(note)).toBe(createHash('sha256').update(canonicalNoteText(note)).digest('hex'));
    expect(noteHash(note)).toMatch(/^[0-9a-f]{64}$/);
    expect(noteHash({ freeText: 'Line one\nLine two', betterSinceLast: 'Slept better' })).toBe(noteHash(note));
    expect(noteHash({ ...note, freeText: 'Line one\nLine 2' })).not.toBe(noteHash(note));
  });

  it('reports unsigned, verified or mismatch', () => {
    expect(noteIntegrity({ signedAt: null, noteHash: null, note })).toBe('unsigned');
    expect(noteIntegrity({ signedAt: new Date(), noteHash: noteHash(note), note })).toBe('verified');
    expect(noteIntegrity({ signedAt: new Date(), noteHash: noteHash(note), note: { ...note, freeText: 'Changed' } })).toBe('mismatch');
    expect(noteIntegrity({ signedAt: new Date(), noteHash: null, note })).toBe('mismatch');
  });

  describe('the addenda chain', () => {
    const head = noteHash(note);
    const author = '00000000-0000-0000-0000-0000000000a1';
    const chain = (texts: string[]) => {
      let previous = head;
      return texts.map((text, i) => {
        const a = { text, authorId: author, createdAt: new Date(Date.UTC(2026, 10, 20, 10, i)) };
        const hash = addendumHash(previous, a);
        previous = hash;
        return { ...a, hash };
      });
    };

    it('links the first addendum to the note\'s hash and each next one to the one before', () => {
      const [first, second] = chain(['One', 'Two']);
      expect(first!.hash).not.toBe(addendumHash(noteHash({ freeText: 'Other note' }), first!));
      expect(second!.hash).toBe(addendumHash(first!.hash, second!));
      expect(addendaIntegrity(head, chain(['One', 'Two', 'Three']))).toEqual(['verified', 'verified', 'verified']);
    });

    it('reads a changed text, author or time, a removed addendum or a reordering as a mismatch where it happened', () => {
      const [a, b, c] = chain(['One', 'Two', 'Three']);
      expect(addendaIntegrity(head, [a!, { ...b!, text: 'Changed' }, c!])).toEqual(['verified', 'mismatch', 'verified']);
      expect(addendaIntegrity(head, [{ ...a!, authorId: '00000000-0000-0000-0000-0000000000a2' }, b!, c!])).toEqual(['mismatch', 'verified', 'verified']);
      expect(addendaIntegrity(head, [a!, b!, { ...c!, createdAt: new Date(0) }])).toEqual(['verified', 'verified', 'mismatch']);
      expect(addendaIntegrity(head, [a!, c!])).toEqual(['verified', 'mismatch']);
      expect(addendaIntegrity(head, [b!, a!, c!])).toEqual(['mismatch', 'mismatch', 'mismatch']);
      expect(addendaIntegrity(null, [a!])).toEqual(['mismatch']);
    });
  });
});
