import { staffAnnotationInputSchema, staffMayRewrite } from './client-words.js';

describe('client words', () => {
  it('lets staff rewrite only what staff wrote', () => {
    expect(staffMayRewrite('practitioner')).toBe(true);
    expect(staffMayRewrite('client')).toBe(false);
  });

  it('takes a staff note, and hiding needs a reason', () => {
    expect(staffAnnotationInputSchema.parse({ staffAnnotation: ' Seen in session ', version: 3 })).toEqual({ staffAnnotation: 'Seen in session', hidden: false, version: 3 });
    const hidden = staffAnnotationInputSchema.safeParse({ hidden: true, version: 1 });
    expect(hidden.success).toBe(false);
    expect(hidden.error!.issues[0]).toMatchObject({ path: ['hiddenReason'] });
    expect(staffAnnotationInputSchema.safeParse({ hidden: true, hiddenReason: 'Duplicate', version: 1 }).success).toBe(true);
    expect(staffAnnotationInputSchema.safeParse({ hidden: false }).error!.issues[0]).toMatchObject({ path: ['version'], message: expect.stringMatching(/^is required/) });
  });
});
