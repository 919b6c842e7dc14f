import type { Language, MessageKind, MessageParams } from './message-kinds.js';

export interface ComposedMessage {
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  subject: string;
  lines: string[];
  action?: string;
}

type Words = (p: MessageParams) => Wording;

const who = (p: MessageParams, fallback: string) => p.practitionerName?.trim() || fallback;

/** The words of each kind, in each language. Nothing here may name a client or quote what they wrote. */
const WORDING: Record<Language, Record<MessageKind, Words>> = {
  en: {
    invitation: (p) => ({
      subject: `You are invited to ${p.practiceName ?? 'Attune'}`,
      lines: [`${who(p, 'Your practice')} has created an Attune account for you.`, `Choose your password with the link below. It works once and for ${p.validHours ?? 72} hours.`],
      action: 'Set your password',
    }),
    password_reset: (p) => ({
      subject: 'Reset your Attune password',
      lines: ['Someone asked to reset the password of your Attune account.', `The link below works once and for ${p.validHours ?? 1} hour. If it was not you, ignore this e-mail: your password stays as it is.`],
      action: 'Choose a new password',
    }),
    account_unlocked: () => ({
      subject: 'Your Attune account was unlocked',
      lines: ['An administrator of your practice cleared the failed sign-ins of your account: you can sign in again.', 'If you did not ask for this, tell your practice.'],
      action: 'Sign in',
    }),
    questionnaire_waiting: (p) => ({
      subject: 'A questionnaire is waiting in your portal',
      lines: [`${who(p, 'Your practitioner')} asked you to fill in a short questionnaire${p.dueDate ? ` by ${p.dueDate}` : ''}.`],
      action: 'Open my questionnaires',
    }),
    questionnaire_closing: (p) => ({
      subject: `A questionnaire is waiting, closes ${p.dueDate ? `on ${p.dueDate}` : 'tomorrow'}`,
      lines: [`A short questionnaire is still waiting for you in your portal. It closes ${p.dueDate ? `on ${p.dueDate}` : 'tomorrow'}.`],
      action: 'Open my questionnaires',
    }),
    appointment_booked: (p) => ({
      subject: (p.count ?? 1) > 1 ? `${p.count ?? 1} sessions booked, the first on ${p.appointmentTime ?? ''}` : `Session booked${p.appointmentTime ? ` for ${p.appointmentTime}` : ''}`,
      lines: [(p.count ?? 1) > 1
        ? `${who(p, 'Your practitioner')} booked ${p.count ?? 1} sessions with you, the first on ${p.appointmentTime ?? ''}.`
        : `${who(p, 'Your practitioner')} booked a session with you${p.appointmentTime ? ` on ${p.appointmentTime}` : ''}.`,
        'The attached file adds it to your own calendar. If you need to cancel or move it, you can ask in your portal.'],
      action: 'Open my sessions',
    }),
    appointment_moved: (p) => ({
      subject: `Session moved${p.newAppointmentTime ? ` to ${p.newAppointmentTime}` : ''}`,
      lines: [`${who(p, 'Your practitioner')} moved your session${p.appointmentTime ? ` of ${p.appointmentTime}` : ''}${p.newAppointmentTime ? ` to ${p.newAppointmentTime}` : ' to a new time'}${(p.count ?? 1) > 1 ? `, and the ${(p.count ?? 1) - 1} after it in the series alike` : ''}.`,
        'The attached file updates your own calendar. If the new time does not suit you, you can ask to change it in your portal.'],
      action: 'Open my sessions',
    }),
    appointment_cancelled: (p) => ({
      subject: `Session cancelled${p.appointmentTime ? `: ${p.appointmentTime}` : ''}`,
      lines: [`Your session with ${who(p, 'your practitioner')}${p.appointmentTime ? ` of ${p.appointmentTime}` : ''}${(p.count ?? 1) > 1 ? `, and the ${(p.count ?? 1) - 1} after it in the series, are` : ' is'} cancelled.`,
        'The attached file takes it out of your own calendar. Your portal shows the sessions still booked.'],
      action: 'Open my sessions',
    }),
    appointment_reminder: (p) => ({
      subject: `Reminder: your session${p.appointmentTime ? ` on ${p.appointmentTime}` : ''}`,
      lines: [`This is a reminder of your session with ${who(p, 'your practitioner')}${p.appointmentTime ? ` on ${p.appointmentTime}` : ''}.`, 'If you need to cancel or move it, you can ask in your portal.'],
      action: 'Open my sessions',
    }),
    password_change_required: () => ({
      subject: 'Choose a new password for your Attune account',
      lines: ['An administrator of your practice asked you to choose a new password and signed your account out everywhere.', 'Sign in with your current password: Attune then asks you for a new one. If you did not expect this, tell your practice.'],
      action: 'Sign in',
    }),
    change_request_accepted: (p) => ({
      subject: p.requestKind === 'cancel' ? 'Your session is cancelled as you asked' : 'Your session was moved as you asked',
      lines: [p.requestKind === 'cancel'
        ? `${who(p, 'Your practitioner')} accepted your request: the session${p.appointmentTime ? ` on ${p.appointmentTime}` : ''} is cancelled.`
        : `${who(p, 'Your practitioner')} accepted your request: the session${p.appointmentTime ? ` of ${p.appointmentTime}` : ''} now takes place${p.newAppointmentTime ? ` on ${p.newAppointmentTime}` : ' at a new time'}.`],
      action: 'Open my sessions',
    }),
    change_request_declined: (p) => ({
      subject: 'Your request to change a session was declined',
      lines: [`${who(p, 'Your practitioner')} could not ${p.requestKind === 'cancel' ? 'cancel' : 'move'} the session${p.appointmentTime ? ` on ${p.appointmentTime}` : ''}: it stays as booked.`, 'The reason is in your portal.'],
      action: 'Open my sessions',
    }),
    two_step_reset: () => ({
      subject: 'Two-step sign-in was turned off on your Attune account',
      lines: ['An administrator of your practice turned off two-step sign-in on your account and signed it out everywhere.', 'Sign in with your password and set up two-step sign-in again. If you did not ask for this, tell your practice.'],
      action: 'Sign in',
    }),
    homework_assigned: (p) => ({
      subject: `You have new homework from ${who(p, 'your practitioner')}`,
      lines: [`${who(p, 'Your practitioner')} gave you new homework${p.dueDate ? `, due ${p.dueDate}` : ''}.`],
      action: 'Open my homework',
    }),
    homework_due_soon: (p) => ({
      subject: 'Your homework is due tomorrow',
      lines: [`A piece of homework is due ${p.dueDate ?? 'tomorrow'}.`],
      action: 'Open my homework',
    }),
    homework_overdue: (p) => ({
      subject: 'Your homework is overdue',
      lines: [`A piece of homework was due ${p.dueDate ?? 'earlier'}. You can still send it.`],
      action: 'Open my homework',
    }),
    homework_check_in: () => ({
      subject: 'Today is a check-in day for your homework',
      lines: ['One of your pieces of homework asks for a short check-in today.'],
      action: 'Open my homework',
    }),
    homework_feedback: (p) => ({
      subject: `${who(p, 'Your practitioner')} replied to your homework`,
      lines: [`${who(p, 'Your practitioner')} reviewed your homework and left you feedback.`],
      action: 'Read the feedback',
    }),
    homework_submitted: () => ({
      subject: 'Homework was submitted',
      lines: ['A client of yours submitted homework. It is waiting for your review.'],
      action: 'Open the case',
    }),
    alert_opened: () => ({
      subject: 'A case needs your attention',
      lines: ['An alert opened on one of your cases.'],
      action: 'Open the case',
    }),
    digest: (p) => ({
      subject: p.appointments
        ? `Today: ${p.appointments} appointment(s)${p.count ? `, ${p.count} item(s) need attention` : ''}`
        : `Needs attention today: ${p.count ?? 0}`,
      lines: [
        ...(p.appointments ? [`Your appointments today: ${p.appointmentTimes ?? p.appointments}.`] : []),
        ...(p.count || !p.appointments ? [`${p.count ?? 0} item(s) on your caseload need attention today.`] : []),
      ],
      action: 'Open the dashboard',
    }),
  },
  'zh-CN': {
    invitation: (p) => ({
      subject: `邀请您加入${p.practiceName ?? 'Attune'}`,
      lines: [`${who(p, '您的机构')}为您创建了 Attune 账户。`, `请通过下面的链接设置密码。该链接只能使用一次，${p.validHours ?? 72} 小时内有效。`],
      action: '设置密码',
    }),
    password_reset: (p) => ({
      subject: '重置您的 Attune 密码',
      lines: ['有人请求重置您的 Attune 账户密码。', `下面的链接只能使用一次，${p.validHours ?? 1} 小时内有效。如果不是您本人操作，请忽略此邮件，您的密码不会改变。`],
      action: '设置新密码',
    }),
    account_unlocked: () => ({
      subject: '您的 Attune 账户已解锁',
      lines: ['您所在机构的管理员清除了您账户的登录失败记录，您现在可以重新登录。', '如果这不是您要求的，请告知您的机构。'],
      action: '登录',
    }),
    questionnaire_waiting: (p) => ({
      subject: '您的门户中有一份问卷待填写',
      lines: [`${who(p, '您的咨询师')}请您填写一份简短的问卷${p.dueDate ? `，请在 ${p.dueDate} 前完成` : ''}。`],
      action: '打开我的问卷',
    }),
    questionnaire_closing: (p) => ({
      subject: `有一份问卷待填写，将于${p.dueDate ? ` ${p.dueDate} ` : '明天'}关闭`,
      lines: [`您的门户中仍有一份简短的问卷等您填写，将于${p.dueDate ? ` ${p.dueDate} ` : '明天'}关闭。`],
      action: '打开我的问卷',
    }),
    appointment_booked: (p) => ({
      subject: (p.count ?? 1) > 1 ? `已为您预约 ${p.count ?? 1} 次咨询，第一次在 ${p.appointmentTime ?? ''}` : `已为您预约咨询${p.appointmentTime ? `（${p.appointmentTime}）` : ''}`,
      lines: [(p.count ?? 1) > 1
        ? `${who(p, '您的咨询师')}为您预约了 ${p.count ?? 1} 次咨询，第一次在 ${p.appointmentTime ?? ''}。`
        : `${who(p, '您的咨询师')}为您预约了一次咨询${p.appointmentTime ? `，时间为 ${p.appointmentTime}` : ''}。`,
        '附件可将其加入您自己的日历。如需取消或改期，可在门户中提出。'],
      action: '打开我的咨询',
    }),
    appointment_moved: (p) => ({
      subject: `咨询已改期${p.newAppointmentTime ? `至 ${p.newAppointmentTime}` : ''}`,
      lines: [`${who(p, '您的咨询师')}将您${p.appointmentTime ? `原定 ${p.appointmentTime} 的` : '的'}咨询${p.newAppointmentTime ? `改到 ${p.newAppointmentTime}` : '改到新的时间'}${(p.count ?? 1) > 1 ? `，该系列之后的 ${(p.count ?? 1) - 1} 次也相应改期` : ''}。`,
        '附件会更新您自己的日历。如新时间不合适，可在门户中提出更改。'],
      action: '打开我的咨询',
    }),
    appointment_cancelled: (p) => ({
      subject: `咨询已取消${p.appointmentTime ? `：${p.appointmentTime}` : ''}`,
      lines: [`您与${who(p, '您的咨询师')}${p.appointmentTime ? ` ${p.appointmentTime} ` : ''}的咨询${(p.count ?? 1) > 1 ? `及该系列之后的 ${(p.count ?? 1) - 1} 次` : ''}已取消。`,
        '附件会将其从您自己的日历中移除。门户中显示仍已预约的咨询。'],
      action: '打开我的咨询',
    }),
    appointment_reminder: (p) => ({
      subject: `提醒：您的咨询${p.appointmentTime ? `（${p.appointmentTime}）` : ''}`,
      lines: [`提醒您与${who(p, '您的咨询师')}的咨询${p.appointmentTime ? `时间为 ${p.appointmentTime}` : ''}。`, '如需取消或改期，可在门户中提出。'],
      action: '打开我的咨询',
    }),
    password_change_required: () => ({
      subject: '请为您的 Attune 账户设置新密码',
      lines: ['您所在机构的管理员要求您设置新密码，并让您的账户在所有设备上退出登录。', '请用当前密码登录，Attune 会请您设置新密码。如果这不是您预期的，请告知您的机构。'],
      action: '登录',
    }),
    change_request_accepted: (p) => ({
      subject: p.requestKind === 'cancel' ? '您的咨询已按您的请求取消' : '您的咨询已按您的请求改期',
      lines: [p.requestKind === 'cancel'
        ? `${who(p, '您的咨询师')}接受了您的请求：${p.appointmentTime ? `${p.appointmentTime} 的` : ''}咨询已取消。`
        : `${who(p, '您的咨询师')}接受了您的请求：${p.appointmentTime ? `原定 ${p.appointmentTime} 的` : ''}咨询${p.newAppointmentTime ? `改为 ${p.newAppointmentTime}` : '已改到新的时间'}。`],
      action: '打开我的咨询',
    }),
    change_request_declined: (p) => ({
      subject: '您更改咨询的请求未被接受',
      lines: [`${who(p, '您的咨询师')}无法${p.requestKind === 'cancel' ? '取消' : '改期'}${p.appointmentTime ? ` ${p.appointmentTime} 的` : ''}咨询，咨询按原定时间进行。`, '原因请在门户中查看。'],
      action: '打开我的咨询',
    }),
    two_step_reset: () => ({
      subject: '您的 Attune 账户已关闭两步验证',
      lines: ['您所在机构的管理员关闭了您账户的两步验证，并让所有设备退出登录。', '请用密码登录并重新设置两步验证。如果这不是您要求的，请告知您的机构。'],
      action: '登录',
    }),
    homework_assigned: (p) => ({
      subject: `${who(p, '您的咨询师')}给您布置了新作业`,
      lines: [`${who(p, '您的咨询师')}给您布置了新作业${p.dueDate ? `，截止日期 ${p.dueDate}` : ''}。`],
      action: '打开我的作业',
    }),
    homework_due_soon: (p) => ({
      subject: '您的作业明天到期',
      lines: [`有一项作业将于 ${p.dueDate ?? '明天'} 到期。`],
      action: '打开我的作业',
    }),
    homework_overdue: (p) => ({
      subject: '您的作业已过期',
      lines: [`有一项作业已于 ${p.dueDate ?? '之前'} 到期。您仍然可以提交。`],
      action: '打开我的作业',
    }),
    homework_check_in: () => ({
      subject: '今天是您作业的打卡日',
      lines: ['您的一项作业今天需要简短打卡。'],
      action: '打开我的作业',
    }),
    homework_feedback: (p) => ({
      subject: `${who(p, '您的咨询师')}回复了您的作业`,
      lines: [`${who(p, '您的咨询师')}查看了您的作业并给您留下了反馈。`],
      action: '查看反馈',
    }),
    homework_submitted: () => ({
      subject: '有作业已提交',
      lines: ['您的一位来访者提交了作业，等待您查看。'],
      action: '打开个案',
    }),
    alert_opened: () => ({
      subject: '有个案需要您关注',
      lines: ['您的一个个案出现了新的提醒。'],
      action: '打开个案',
    }),
    digest: (p) => ({
      subject: p.appointments
        ? `今日：${p.appointments} 个预约${p.count ? `，${p.count} 项需要关注` : ''}`
        : `今日需关注：${p.count ?? 0} 项`,
      lines: [
        ...(p.appointments ? [`您今天的预约：${p.appointmentTimes ?? p.appointments}。`] : []),
        ...(p.count || !p.appointments ? [`您的个案中今天有 ${p.count ?? 0} 项需要关注。`] : []),
      ],
      action: '打开工作台',
    }),
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A message's subject and its plain-text and HTML bodies, in `language`, with `link` (absolute) as its one action. */
export function composeMessage(kind: MessageKind, language: Language, params: MessageParams, link: string | null): ComposedMessage {
  const w = WORDING[language][kind](params);
  const signature = language === 'zh-CN' ? '—— Attune' : '— Attune';
  const text = [...w.lines, ...(link ? ['', `${w.action ?? ''}: ${link}`] : []), '', signature].join('\n');
  const html = [
    `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5">`,
    ...w.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(w.action ?? link)}</a></p>`] : []),
    `<p>${escapeHtml(signature)}</p></body></html>`,
  ].join('');
  return { subject: w.subject, text, html };
}
