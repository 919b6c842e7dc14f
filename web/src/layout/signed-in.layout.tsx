import type { Role } from '@attune/domain';
import { enDomainMessages } from '../i18n/en-domain.messages';
import { addDomainMessages } from '../i18n/i18n-provider';
import { lazy, Suspense, type ReactNode } from 'react';
import { Layout, Loading, usePermissions } from 'react-admin';
import { PasswordChangeGate } from '../account/password-change-gate';
import { AttuneAppBar } from './attune-app-bar';
import { DocumentLanguage } from './document-language';
import { PortalShell } from './portal-shell';
import { PractitionerMenu } from './practitioner-menu';
import { SettingsLanguage } from './settings-language';

const ClientPortal = lazy(() => import('../portal/client-portal').then((m) => ({ default: m.ClientPortal })));

/**
 * One app, two faces: practitioners and admins get the caseload layout with its menu; a client gets
 * the portal, which owns everything under it (it may declare its own nested routes). An account
 * that must first choose a new password (an admin asked) sees only that.
 */
export const SignedInLayout = ({ children }: { children?: ReactNode }) => (
  <PasswordChangeGate>
    <SignedInFaces>{children}</SignedInFaces>
  </PasswordChangeGate>
);

const SignedInFaces = ({ children }: { children?: ReactNode }) => {
  const { permissions, isPending } = usePermissions<Role>();
  if (isPending) return <Loading />;
  if (permissions === 'client') {
    return (
      <PortalShell>
        <DocumentLanguage />
        <SettingsLanguage />
        <Suspense fallback={<Loading />}>
          <ClientPortal />
        </Suspense>
      </PortalShell>
    );
  }
  return (
    // react-admin's layout is at least as wide as its content ("fit-content") and its content grows
    // to its widest child (a table, a chart): both would make the page scroll sideways on a phone.
    <Layout appBar={AttuneAppBar} menu={PractitionerMenu} sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 } }}>
      <DocumentLanguage />
      <SettingsLanguage />
      {children}
    </Layout>
  );
};

/** Runs before the signed-in app first renders: the domain's English words join the messages. */
export function prepareSignedInApp(): Promise<void> {
  return addDomainMessages(enDomainMessages);
}
