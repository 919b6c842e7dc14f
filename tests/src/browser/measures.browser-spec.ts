import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, signIn, signInToDashboard, type Browser } from '../support/browser.js';
import { ApiSession, CASE_TITLE, CLIENT, demoDirectory, pageScrollWidth, PHONE, portalNavLink, pressTabUntilFocused, signInToPortal, THERAPIST } from './portal-helpers.js';

interface MeasureResponse { id: string; clientId: string; measureKey: string; status: string; score: number | null; source: string | null; change: { class: string } | null }

/**
 * Measurement-based care in the browser: Chen Jing answers her PHQ-9 on a phone by keyboard, one
 * question per screen; the therapist sees the chart with its bands and the item table; the couple's
 * profile side by side with the shared pattern, and a suggested exercise assigned in one click; a
 * visitor takes the public test in Chinese and sends it; the admin turns it into a case.
 */
describe('measures in the browser', () => {
  let server: AppServer;
  let therapist: ApiSession;
  let demo: Awaited<ReturnType<typeof demoDirectory>>;

  beforeAll(async () => {
    // the spec signs in more often than the ten a minute one address gets
    server = await startAppServer({ LOGIN_THROTTLE_LIMIT: '1000' });
    therapist = await ApiSession.signIn(server.url, THERAPIST);
    demo = await demoDirectory(therapist);
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('Chen Jing on a phone', () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      browser = await openBrowser(PHONE);
      page = browser.page;
    });
    afterAll(() => browser?.close());

    it('answers her open PHQ-9 by keyboard alone, one question per screen, and sees her score', async () => {
      await signInToPortal(page, server.url, CLIENT.chen);
      await pressTabUntilFocused(page, portalNavLink(page, 'Questionnaires'));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Questionnaires' }).waitFor();
      const answer = page.getByRole('link', { name: /^Answer: Patient Health Questionnaire/ });
      await pressTabUntilFocused(page, answer);
      await page.keyboard.press('Enter');

      for (let n = 1; n <= 9; n++) {
        await page.getByText(`Question ${n} of 9`).waitFor();
        expect(await page.getByRole('radiogroup').count()).toBe(1);
        await pressTabUntilFocused(page, page.getByRole('radio').first());
        // Items 1-8: arrow down to "Several days" (1); item 9: Space keeps "Not at all" (0).
        await page.keyboard.press(n < 9 ? 'ArrowDown' : 'Space');
        await pressTabUntilFocused(page, page.getByRole('button', { name: 'Next' }));
        if (n === 1) {
          expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
          expect(await seriousAccessibilityProblems(page)).toEqual([]);
        }
        await page.keyboard.press('Enter');
      }
      const send = page.getByRole('button', { name: 'Send my answers' });
      await pressTabUntilFocused(page, send);
      await page.keyboard.press('Enter');
      await page.getByText('Thank you. Your answers were sent.').waitFor();
      await page.getByText('Your score: 8 (Mild)').waitFor();
      await browser.screenshot('portal-phq9-sent');

      const stored = await therapist.get<MeasureResponse[]>('/api/measure-responses', { filter: { caseId: demo.caseId(CASE_TITLE.chen), status: 'completed' }, sort: ['completedAt', 'DESC'], range: [0, 0] });
      expect(stored[0]).toMatchObject({ measureKey: 'phq-9', score: 8, change: { class: 'reliable_improvement' } });
    });
  });

  describe('Zhao Lei and Zhou Ting, each on their own phone', () => {
    /** Gives the profile to a partner and lets them answer it in the portal: the safety screen "No", then the profile. */
    async function takeProfile(email: string, name: string, pressing: boolean): Promise<void> {
      const given = await therapist.call('POST', '/api/measure-schedules', { caseId: demo.caseId(CASE_TITLE.couple), clientId: demo.clientId(name), measureKey: 'communication-profile', cadence: 'once' });
      expect(given.status).toBe(201);
      const browser = await openBrowser({ ...PHONE, name: `measures-${name.replace(' ', '-')}` });
      try {
        const page = browser.page;
        await signInToPortal(page, server.url, email);
        await portalNavLink(page, 'Questionnaires').click();
        await page.getByRole('link', { name: /^Answer: Communication profile/ }).click();
        for (let n = 1; n <= 22; n++) {
          await page.getByText(`Question ${n} of 22`).waitFor();
          // Questions 13-14 ask about pressing on under stress, 15-16 about stepping back.
          const option = n <= 3 ? 'No' : n === 13 || n === 14 ? (pressing ? 'Almost always' : 'Never') : n === 15 || n === 16 ? (pressing ? 'Never' : 'Almost always') : 'Sometimes';
          await page.getByRole('radio', { name: option, exact: true }).check();
          await page.getByRole('button', { name: 'Next' }).click();
        }
        await page.getByRole('button', { name: 'Send my answers' }).click();
        await page.getByText('Thank you. Your answers were sent.').waitFor();
        await page.getByRole('heading', { name: 'Playbook' }).waitFor();
        expect(await seriousAccessibilityProblems(page)).toEqual([]);
      } finally {
        await browser.close();
      }
    }

    it('each take the communication profile privately in the portal', async () => {
      await takeProfile(CLIENT.zhao, 'Zhao Lei', false);
      await takeProfile(CLIENT.zhou, 'Zhou Ting', true);
    });

    it("shows Zhou Ting her partner's profile beside hers, and the pattern between them, only once he shares it", async () => {
      const zhou = await ApiSession.signIn(server.url, CLIENT.zhou);
      const latestProfile = async (client: ApiSession) => (await client.get<Array<{ id: string; measureKey: string; status: string; partnerProfile: unknown }>>('/api/me/measures'))
        .find((m) => m.measureKey === 'communication-profile' && m.status === 'completed')!;
      const hers = await latestProfile(zhou);
      expect(hers.partnerProfile).toBeNull();
      const browser = await openBrowser({ ...PHONE, name: 'measures-partner-shared' });
      try {
        const page = browser.page;
        await signInToPortal(page, server.url, CLIENT.zhou);
        await page.goto(`${server.url}/#/measures/${hers.id}`);
        await page.getByRole('heading', { name: 'Playbook' }).waitFor();
        const together = page.getByRole('region', { name: 'You and your partner (your partner shared their profile)' });
        expect(await together.count()).toBe(0);
        expect(await page.getByTestId('couple-profile-chart').count()).toBe(0);

        // Zhao Lei answers again and lets her see his profile: he steps back under stress.
        const given = await therapist.call('POST', '/api/measure-schedules', { caseId: demo.caseId(CASE_TITLE.couple), clientId: demo.clientId('Zhao Lei'), measureKey: 'communication-profile', cadence: 'once' });
        expect(given.status).toBe(201);
        const zhao = await ApiSession.signIn(server.url, CLIENT.zhao);
        const open = (await zhao.get<Array<{ id: string; measureKey: string; status: string }>>('/api/me/measures')).find((m) => m.measureKey === 'communication-profile' && m.status === 'pending')!;
        const steady = { ro_1: 2, ro_2: 2, ro_3: 2, rs_1: 2, rs_2: 2, rs_3: 2, rt_1: 2, rt_2: 2, rt_3: 2, us_p1: 0, us_p2: 0, us_w1: 4, us_w2: 4, cr_1: 2, cr_2: 2, cr_3: 2, se_1: 2, se_2: 2, se_3: 2 };
        const sent = await zhao.call('POST', `/api/me/measures/${open.id}/submit`, { answers: steady, safety: { safe_afraid: 0, safe_hurt: 0, safe_speak: 0 }, sharedWithPartner: true });
        expect(sent.status).toBe(200);

        await page.reload();
        await together.waitFor();
        await together.getByTestId('couple-profile-chart').waitFor();
        const table = together.getByRole('table', { name: 'You and your partner (your partner shared their profile)' });
        await table.getByRole('columnheader', { name: 'You', exact: true }).waitFor();
        await table.getByRole('columnheader', { name: 'Your partner' }).waitFor();
        await together.getByText('Reach in, step back', { exact: true }).waitFor();
        await together.getByText(/The cycle is the problem you share, not either of you\./).waitFor();
        expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
        expect(await seriousAccessibilityProblems(page)).toEqual([]);
        await browser.screenshot('portal-partner-profile-shared');
      } finally {
        await browser.close();
      }
    });
  });

  describe('the therapist', () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      browser = await openBrowser({ name: 'measures-therapist' });
      page = browser.page;
      await signInToDashboard(page, server.url, THERAPIST);
    });
    afterAll(() => browser?.close());

    it("sees Chen's PHQ-9 chart with its bands, cut-off and item table", async () => {
      await page.goto(`${server.url}/#/cases/${demo.caseId(CASE_TITLE.chen)}/show/measures`);
      const section = page.getByRole('region', { name: /PHQ-9 of Chen Jing/ });
      await section.waitFor();
      await section.getByText(/Chen Jing \(pseudonym\): 16 → 8 \(reliable improvement\); lower is better\./).waitFor();
      const chart = section.getByTestId(/^measure-chart-phq-9/);
      await chart.locator('svg').first().waitFor();
      for (const band of ['Minimal', 'Mild', 'Moderate', 'Moderately severe', 'Severe']) {
        expect(await chart.getByText(band, { exact: true }).count()).toBeGreaterThan(0);
      }
      await chart.getByText('Cut-off 10').waitFor();
      const table = page.getByRole('table', { name: /Answers item by item: PHQ-9, Chen Jing/ });
      await table.getByRole('row', { name: /Little interest or pleasure in doing things/ }).waitFor();
      await table.getByRole('row', { name: /^Total 16 13 9 7 8$/ }).waitFor();
      // The case's six stages shade the chart and name each answer's stage; its held sessions are listed.
      for (let stage = 1; stage <= 6; stage++) await chart.getByText(`Stage ${stage}`, { exact: true }).first().waitFor();
      await table.getByRole('row', { name: /^Stage Stage 1 Stage 3 Stage 5 Stage 6 Stage 6$/ }).waitFor();
      await section.getByText('Shaded columns are the stages of the case, dashed lines its held sessions.').waitFor();
      expect(await section.getByText(/^Sessions held: /).textContent()).toMatch(/^Sessions held: (\d{1,2} \w+, ){5}\d{1,2} \w+$/);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await browser.screenshot('case-measures-phq9');
    });

    it('gives a measure to both partners of the couple in one step: each has their own to answer', async () => {
      const caseId = demo.caseId(CASE_TITLE.couple);
      const partners = [['Zhao Lei', CLIENT.zhao], ['Zhou Ting', CLIENT.zhou]] as const;
      const openWho5 = async (email: string) => {
        const client = await ApiSession.signIn(server.url, email);
        return (await client.get<Array<{ measureKey: string; status: string }>>('/api/me/measures')).filter((m) => m.measureKey === 'who-5' && m.status === 'pending').length;
      };
      const before = await Promise.all(partners.map(([, email]) => openWho5(email)));
      await page.goto(`${server.url}/#/cases/${caseId}/show/measures`);
      await page.getByRole('button', { name: 'Give a measure' }).click();
      const dialog = page.getByRole('dialog', { name: 'Give a measure' });
      await dialog.getByRole('radio', { name: 'Both partners (each answers on their own)' }).check();
      await dialog.getByRole('combobox', { name: 'Measure' }).click();
      await page.getByRole('option', { name: 'WHO-5 Well-Being Index' }).click();
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Give' }).click();
      await page.getByText('The measure was given; the client sees it in the portal.').waitFor();
      const schedules = await therapist.get<Array<{ clientId: string }>>('/api/measure-schedules', { filter: { caseId, measureKey: 'who-5', active: true }, range: [0, 99] });
      expect(schedules.map((x) => x.clientId).sort()).toEqual(partners.map(([name]) => demo.clientId(name)).sort());
      expect(await Promise.all(partners.map(([, email]) => openWho5(email)))).toEqual(before.map((n) => n + 1));
    });

    it('sees the couple profile side by side with the shared pattern and assigns a suggested exercise in one click', async () => {
      const caseId = demo.caseId(CASE_TITLE.couple);
      await page.goto(`${server.url}/#/cases/${caseId}/show/measures`);
      await page.getByRole('heading', { name: 'Communication profile of the couple' }).waitFor();
      await page.getByTestId('couple-profile-chart').waitFor();
      // Their answers just now: Zhou Ting presses on under stress, Zhao Lei steps back.
      await page.getByText('Reach in, step back', { exact: true }).first().waitFor();
      await page.getByText(/The cycle is the problem you share, not either of you\./).first().waitFor();
      const table = page.getByRole('table', { name: 'Communication profile of the couple' });
      await table.getByRole('columnheader', { name: 'Zhao Lei' }).waitFor();
      await table.getByRole('columnheader', { name: 'Zhou Ting' }).waitFor();
      const homeworkOfZhao = () => therapist.get<Array<{ id: string }>>('/api/assignments', { filter: { caseId, clientId: demo.clientId('Zhao Lei'), exerciseId: demo.exerciseId('pattern-recognition') }, range: [0, 99] });
      const before = (await homeworkOfZhao()).length;
      await page.getByRole('button', { name: 'Assign Pattern recognition to Zhao Lei' }).first().click();
      await page.getByText('Assigned: Pattern recognition to Zhao Lei, due in a week.').waitFor();
      expect((await homeworkOfZhao()).length).toBe(before + 1);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await browser.screenshot('case-couple-profile');
    });
  });

  describe('the therapist on a phone, in session', () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      browser = await openBrowser({ ...PHONE, name: 'measures-in-session' });
      page = browser.page;
      await signInToDashboard(page, server.url, THERAPIST);
    });
    afterAll(() => browser.close());

    it("enters Zhou Ting's PHQ-9 answers given in session by keyboard; the chart and table show the point as entered in session", async () => {
      const caseId = demo.caseId(CASE_TITLE.couple);
      const zhou = demo.clientId('Zhou Ting');
      await page.goto(`${server.url}/#/cases/${caseId}/show/measures`);
      const section = page.getByRole('region', { name: /PHQ-9 of Zhou Ting/ });
      await section.waitFor();
      expect(await section.getByText('Square dots: answers given in session, entered by the practitioner.').count()).toBe(0);
      await page.getByRole('button', { name: 'Enter answers given in session' }).click();
      const dialog = page.getByRole('dialog', { name: 'Enter answers given in session' });
      // The partner first (arrow down from Zhao Lei to Zhou Ting); the measure is PHQ-9 unless changed.
      await pressTabUntilFocused(page, dialog.getByRole('radio', { name: 'Zhao Lei' }));
      await page.keyboard.press('ArrowDown');
      expect(await dialog.getByRole('radio', { name: 'Zhou Ting' }).isChecked()).toBe(true);
      await dialog.getByText('Little interest or pleasure in doing things', { exact: false }).waitFor();
      for (let n = 1; n <= 9; n++) {
        // Items 1-8: arrow down to "Several days" (1); item 9: Space keeps "Not at all" (0).
        await pressTabUntilFocused(page, dialog.getByRole('radio', { name: 'Not at all' }).nth(n - 1));
        await page.keyboard.press(n < 9 ? 'ArrowDown' : 'Space');
      }
      expect(await dialog.getByRole('radio', { name: 'Several days', checked: true }).count()).toBe(8);
      expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await browser.screenshot('measures-enter-in-session');
      await pressTabUntilFocused(page, dialog.getByRole('button', { name: 'Save the answers' }));
      await page.keyboard.press('Enter');
      await page.getByText('The answers were saved and scored.').waitFor();

      const table = page.getByRole('table', { name: 'Answers item by item: PHQ-9, Zhou Ting' });
      await table.getByRole('row', { name: /^Total 17 15 10 8 8$/ }).waitFor();
      await table.getByRole('row', { name: /^Answered (In the portal ){4}In session$/ }).waitFor();
      await section.getByText('Square dots: answers given in session, entered by the practitioner.').waitFor();
      expect(await section.locator('[data-in-session="true"]').count()).toBe(1);
      const stored = await therapist.get<MeasureResponse[]>('/api/measure-responses', { filter: { caseId, clientId: zhou, measureKey: 'phq-9' }, sort: ['completedAt', 'DESC'], range: [0, 0] });
      expect(stored[0]).toMatchObject({ status: 'completed', score: 8, source: 'practitioner' });
    });
  });

  describe('a visitor and the admin', () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      browser = await openBrowser({ ...PHONE, locale: 'zh-CN', name: 'measures-visitor' });
      page = browser.page;
    });
    afterAll(() => browser?.close());

    it('lets a visitor take the public test in Chinese without an account and send it with consent', async () => {
      await page.goto(`${server.url}/#/test/harbour-light`);
      await page.getByRole('heading', { level: 1, name: '关系测试' }).waitFor();
      await page.getByText('Harbour Light Counselling (demo)').waitFor();
      const opened = Date.now();
      await page.getByRole('button', { name: '开始测试' }).click();
      for (let n = 1; n <= 22; n++) {
        await page.getByText(`第 ${n} 题，共 22 题`).waitFor();
        // The safety screen first (all "no"), then the profile ("sometimes").
        await page.getByRole('radio', { name: n <= 3 ? '否' : '有时' }).check();
        await page.getByRole('button', { name: '下一题' }).click();
      }
      expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      // A person reads; the page refuses answers sent faster than the minimum fill time.
      await page.waitForTimeout(Math.max(0, 22_000 - (Date.now() - opened)));
      await page.getByRole('button', { name: '查看我的画像' }).click();
      await page.getByRole('heading', { name: '你的沟通画像' }).waitFor();
      await page.getByRole('heading', { name: '你的行动手册' }).waitFor();
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      const cookies = await page.context().cookies();
      expect(cookies).toEqual([]);

      await page.getByRole('textbox', { name: '你的名字' }).fill('林晓');
      await page.getByRole('textbox', { name: '电子邮箱' }).fill('lin.xiao@example.test');
      await page.getByRole('checkbox', { name: /我同意/ }).check();
      await page.getByRole('button', { name: '发送给机构' }).click();
      await page.getByText('已发送，机构会与你联系。').waitFor();
      await browser.screenshot('public-test-sent-zh');
    });

    it('lets the admin turn the request into a client and a case', async () => {
      await browser.close();
      browser = await openBrowser();
      page = browser.page;
      await signIn(page, server.url, 'admin@attune.test');
      await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
      await page.goto(`${server.url}/#/intake-requests`);
      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '林晓' }) });
      await card.waitFor();
      await card.getByRole('button', { name: 'Accept into a client and case' }).click();
      await card.getByRole('link', { name: 'Open the case' }).click();
      await page.getByText('林晓: relationship test').first().waitFor();
      await browser.screenshot('intake-accepted-case');
    });
  });
});
