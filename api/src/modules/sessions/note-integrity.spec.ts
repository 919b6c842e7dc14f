import { createHash } from 'node:crypto';
import { canonicalNoteText } from '@attune/domain';
import { noteHash, noteIntegrity } from './note-integrity.js';

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
});
