import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { expectEventually, openBrowser, signInToDashboard, type Browser } from '../support/browser.js';
import { ApiSession, demoDirectory, THERAPIST } from './portal-helpers.js';

/**
 * Two people edit the same client record: the one who saves second is told that someone else
 * changed it, keeps what they typed, and sees the other change on reload. A client's own
 * self-rating is offered for a staff note or hiding, never for editing.
 */
describe('edits that meet', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let admin: ApiSession;
  let chenId: string;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'edit-conflicts' });
    page = browser.page;
    const therapist = await ApiSession.signIn(server.url, THERAPIST);
    chenId = (await demoDirectory(therapist)).clientId('Chen Jing (pseudonym)');
    admin = await ApiSession.signIn(server.url, 'admin@attune.test');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the conflict on the client edit form and keeps the typed phone number; reload shows the other change', async () => {
    await signInToDashboard(page, server.url, THERAPIST);
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    await page.getByRole('row', { name: /Chen Jing/ }).click();
    // a row opens the client's profile; its details are edited from there
    await page.getByRole('link', { name: 'Edit details' }).click();
    const phone = page.getByRole('textbox', { name: 'Phone' });
    await phone.waitFor();
    await phone.fill('+86 21 5555 0303');

    // Meanwhile the practice owner changes the same record from the same version.
    const current = await admin.get<Record<string, unknown>>(`/api/clients/${chenId}`);
    const theirs = await admin.call('PUT', `/api/clients/${chenId}`, { ...current, phone: '+86 21 5555 0404' });
    expect(theirs.status).toBe(200);

    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Reload to see their change');
    expect(await phone.inputValue()).toBe('+86 21 5555 0303');
    // Nothing of the second edit was written: the record holds the first one.
    expect((await admin.get<{ phone: string }>(`/api/clients/${chenId}`)).phone).toBe('+86 21 5555 0404');
    await browser.screenshot('edit-conflict-client');

    await alert.getByRole('button', { name: 'Reload' }).click();
    await expectEventually(() => phone.inputValue(), '+86 21 5555 0404');
    expect(await page.getByRole('alert').filter({ hasText: 'Someone else changed this record' }).count()).toBe(0);
  });

  it("offers a client's self-rating for a staff note or hiding only, and shows the note and the reason", async () => {
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.getByRole('row', { name: /Chen Jing: between two fears/ }).click();
    const ratings = page.getByRole('region', { name: 'Ratings' });
    await ratings.waitFor();
    const selfRating = ratings.getByRole('row').filter({ hasText: 'Client self-rating' }).first();
    await selfRating.waitFor();
    expect(await selfRating.getByRole('button', { name: /^Edit/ }).count()).toBe(0);
    await selfRating.getByText("Client's own entry").waitFor();
    // A rating the practitioner entered can be corrected.
    const ownRating = ratings.getByRole('row').filter({ hasText: 'Practitioner, in session' }).first();
    expect(await ownRating.getByRole('button', { name: /^Edit/ }).count()).toBe(1);

    await selfRating.getByRole('button', { name: /^Staff note \/ hide/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Staff note and visibility' });
    await dialog.getByRole('textbox', { name: 'Staff note' }).fill('Rated right after a hard weekend');
    await dialog.getByLabel('Hide from charts and alerts').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    // Hiding needs a reason, said at the input.
    await dialog.getByText(/is required to hide an entry/).waitFor();
    await dialog.getByRole('textbox', { name: 'Why it is hidden' }).fill('Entered twice');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const annotated = ratings.getByRole('row').filter({ hasText: 'Rated right after a hard weekend' });
    await annotated.getByText('Hidden: Entered twice').waitFor();
    await browser.screenshot('client-words-annotated');
  });
});
