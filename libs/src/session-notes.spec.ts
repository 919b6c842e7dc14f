import {
  SESSION_NOTE_SECTIONS,
  addendumInputSchema,
  canonicalAddendumText,
  canonicalNoteText,
  noteHasContent,
  sessionInputSchema,
  sessionNoteSchema,
} from './session-notes.js';

const ZHAO = '00000000-0000-0000-0000-0000000000a2';
const ZHOU = '00000000-0000-0000-0000-0000000000a3';

describe('the note template', () => {
  it('follows a solution-focused session, then free text', () => {
    expect(SESSION_NOTE_SECTIONS.map((s) => s.key)).toEqual([
      'betterSinceLast',
      'exceptionsHeard',
      'scaleRatings',
      'resourcesNoticed',
      'vision',
      'homeworkReviewed',
      'homeworkAssigned',
      'nextSteps',
      'freeText',
    ]);
    for (const s of SESSION_NOTE_SECTIONS) {
      expect(s.label.length).toBeGreaterThan(3);
      expect(s.prompt.length).toBeGreaterThan(10);
    }
  });

  it('accepts any subset of sections up to 10,000 characters each', () => {
    expect(sessionNoteSchema.parse({ betterSinceLast: ' Tea on the desk ', freeText: null })).toEqual({
      betterSinceLast: 'Tea on the desk',
      freeText: null,
    });
    expect(sessionNoteSchema.safeParse({ vision: 'x'.repeat(10_001) }).error?.issues[0]).toMatchObject({
      path: ['vision'],
      message: 'must be at most 10000 characters long',
    });
    expect(sessionNoteSchema.safeParse({ vision: 42 }).error?.issues[0]?.message).toBe('must be text');
  });
});

describe('sessionInputSchema', () => {
  const joint = {
    caseId: '00000000-0000-0000-0000-0000000000c2',
    startsAt: '2026-03-03T10:00:00+08:00',
    durationMinutes: 50,
    format: 'joint',
    attendeeIds: [ZHAO, ZHOU],
    stage: 2,
    note: { exceptionsHeard: 'Jasmine tea on Monday' },
  };

  it('accepts a joint session with both partners', () => {
    expect(sessionInputSchema.parse(joint)).toEqual(joint);
  });

  it('accepts an individual session with one attendee and an empty note', () => {
    const { note: _n, ...rest } = joint;
    expect(sessionInputSchema.parse({ ...rest, format: 'individual', attendeeIds: [ZHAO] }).note).toEqual({});
  });

  it.each([
    [{ durationMinutes: 4 }, 'durationMinutes', 'must be a whole number between 5 and 480'],
    [{ durationMinutes: 481 }, 'durationMinutes', 'must be a whole number between 5 and 480'],
    [{ durationMinutes: 50.5 }, 'durationMinutes', 'must be a whole number between 5 and 480'],
    [{ format: 'group' }, 'format', 'must be one of: individual, joint'],
    [{ attendeeIds: [] }, 'attendeeIds', 'must name at least 1 attendee'],
    [{ attendeeIds: [ZHAO, ZHOU, ZHAO] }, 'attendeeIds', 'must name at most 2 attendees'],
    [{ attendeeIds: [ZHAO, ZHAO] }, 'attendeeIds', 'must not name the same person twice'],
    [{ attendeeIds: [ZHAO] }, 'attendeeIds', 'a joint session has both partners as attendees'],
    [{ format: 'individual' }, 'attendeeIds', 'an individual session has exactly 1 attendee'],
    [{ stage: 0 }, 'stage', 'must be a whole number between 1 and 6'],
    [{ startsAt: 'tomorrow' }, 'startsAt', expect.stringContaining('ISO 8601')],
  ])('rejects %j', (change, path, message) => {
    const issue = sessionInputSchema.safeParse({ ...joint, ...change }).error?.issues[0];
    expect(issue?.path).toEqual([path]);
    expect(issue?.message).toEqual(message);
  });

  it('takes addenda of 1 to 10,000 characters', () => {
    expect(addendumInputSchema.parse({ text: ' Correction: 60 minutes ' })).toEqual({ text: 'Correction: 60 minutes' });
    expect(addendumInputSchema.safeParse({ text: '' }).error?.issues[0]?.message).toBe('is required');
    expect(addendumInputSchema.safeParse({ text: 'x'.repeat(10_001) }).success).toBe(false);
  });
});

describe('canonicalNoteText', () => {
  it('is the same whatever the key order, line endings or surrounding space', () => {
    const a = canonicalNoteText({ vision: 'Calm mornings', betterSinceLast: 'Tea\r\non the desk ' });
    const b = canonicalNoteText({ betterSinceLast: 'Tea\non the desk', vision: ' Calm mornings' });
    expect(a).toBe(b);
  });

  it('treats missing, null and empty sections alike and ignores unknown keys', () => {
    const base = canonicalNoteText({ vision: 'x' });
    expect(canonicalNoteText({ vision: 'x', freeText: null, nextSteps: '' })).toBe(base);
    expect(canonicalNoteText({ vision: 'x', other: 'y' } as never)).toBe(base);
  });

  it('changes when any section changes, and cannot be fooled by moving text between sections', () => {
    const base = canonicalNoteText({ vision: 'x' });
    expect(canonicalNoteText({ vision: 'y' })).not.toBe(base);
    expect(canonicalNoteText({ vision: '', nextSteps: 'x' })).not.toBe(base);
    expect(canonicalNoteText({ betterSinceLast: 'a","b' })).not.toBe(canonicalNoteText({ betterSinceLast: 'a', exceptionsHeard: 'b' }));
  });

  it('lists the sections in template order, versioned', () => {
    const parsed = JSON.parse(canonicalNoteText({ freeText: 'end', betterSinceLast: 'start' })) as [string, [string, string][]];
    expect(parsed[0]).toBe('attune-session-note/v1');
    expect(parsed[1].map(([k]) => k)).toEqual(SESSION_NOTE_SECTIONS.map((s) => s.key));
    expect(parsed[1][0]).toEqual(['betterSinceLast', 'start']);
    expect(parsed[1][8]).toEqual(['freeText', 'end']);
  });
});

describe('canonicalAddendumText', () => {
  const at = '2026-11-20T10:00:00.123Z';
  it('is the same whatever the line endings, surrounding space or the case of the author id', () => {
    expect(canonicalAddendumText({ text: ' She called.\r\nAll well ', authorId: ZHAO.toUpperCase(), at }))
      .toBe(canonicalAddendumText({ text: 'She called.\nAll well', authorId: ZHAO, at }));
  });

  it('changes with the text, the author or the time, and text cannot imitate the fields after it', () => {
    const base = canonicalAddendumText({ text: 'x', authorId: ZHAO, at });
    expect(canonicalAddendumText({ text: 'y', authorId: ZHAO, at })).not.toBe(base);
    expect(canonicalAddendumText({ text: 'x', authorId: ZHOU, at })).not.toBe(base);
    expect(canonicalAddendumText({ text: 'x', authorId: ZHAO, at: '2026-11-20T10:00:00.124Z' })).not.toBe(base);
    expect(canonicalAddendumText({ text: `x","${ZHAO}`, authorId: ZHAO, at })).not.toBe(canonicalAddendumText({ text: 'x', authorId: ZHAO, at }));
    expect(JSON.parse(base)).toEqual(['attune-session-addendum/v1', 'x', ZHAO, at]);
  });
});

describe('an empty note cannot be signed', () => {
  it('counts a note with at least one written section as having content, blanks not', () => {
    expect(noteHasContent(null)).toBe(false);
    expect(noteHasContent({})).toBe(false);
    expect(noteHasContent({ betterSinceLast: '   ', freeText: null })).toBe(false);
    expect(noteHasContent({ nextSteps: 'Meet in two weeks' })).toBe(true);
  });
});
