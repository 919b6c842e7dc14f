import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from 'react-admin';

const SignedInLayout = lazy(async () => {
  const module = await import('./signed-in.layout');
  await module.prepareSignedInApp();
  return { default: module.SignedInLayout };
});

/**
 * The layout, loaded only once someone has signed in: it brings the domain package, the menus and
 * the client portal hook, none of which the sign-in page needs.
 */
export const AttuneLayout = ({ children }: { children?: ReactNode }) => (
  <Suspense fallback={<Loading />}>
    <SignedInLayout>{children}</SignedInLayout>
  </Suspense>
);
