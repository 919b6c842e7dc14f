import type { ApiErrorCode } from '@attune/domain';

/** What the app says for one error code, in each of its languages. */
interface ErrorTexts {
  readonly en: string;
  readonly zh: string;
}

/**
 * The app's words for every `code` an API error answer can carry (libs' API_ERROR_CODES), in
 * English and Simplified Chinese. `satisfies Record<ApiErrorCode, ErrorTexts>`: a code added to
 * libs without both texts here, or a text for a code libs does not have, breaks the web build.
 * The server's own English `message` is for logs and API users; people read these.
 */
export const API_ERROR_TEXTS = {
  NOT_FOUND: {
    en: 'This record does not exist, or you do not have access to it.',
    zh: '这条记录不存在，或你没有查看它的权限。',
  },
  FORBIDDEN: {
    en: 'Your role does not allow this.',
    zh: '你的角色无权进行此操作。',
  },
  CONFLICT: {
    en: 'This clashes with another record or with a change made at the same moment. Reload and try again.',
    zh: '这与另一条记录或同时进行的修改相冲突。请重新加载后再试。',
  },
  VALIDATION: {
    en: 'Some fields need attention.',
    zh: '有些字段需要修改。',
  },
  NOTE_SIGNED: {
    en: 'A signed note cannot be changed. Add an addendum instead.',
    zh: '已签署的记录不能修改，请改为添加补充说明。',
  },
  BUILT_IN_READ_ONLY: {
    en: 'Built-in exercises cannot be changed. Duplicate it into a custom exercise to adapt it.',
    zh: '内置练习不能修改。可以复制成自定义练习后再调整。',
  },
  INVALID_STATUS_TRANSITION: {
    en: 'This change of status is not possible from the current one.',
    zh: '当前状态不能改为这个状态。',
  },
  TRANSITION_SAME_STAGE: {
    en: 'The case is already in this stage.',
    zh: '个案已经处于这个阶段。',
  },
  TRANSITION_NEW_CYCLE_ONLY_FROM_6: {
    en: 'A new cycle can only start from stage 6.',
    zh: '只有从第 6 阶段才能开始新的循环。',
  },
  VERSION_CONFLICT: {
    en: 'Someone else changed this record since you opened it. Reload to see their change; what you typed is still in the form.',
    zh: '在你打开这条记录之后，其他人修改了它。请重新加载以查看他们的修改；你输入的内容仍在表单中。',
  },
  LAST_ACTIVE_ADMIN: {
    en: 'The practice needs at least one active administrator, so this account must stay an active admin.',
    zh: '机构至少需要一位在用的管理员，因此这个账户必须保持为在用的管理员。',
  },
  RATE_LIMITED: {
    en: 'Too many requests in a short time. Wait a minute and try again.',
    zh: '短时间内请求过多，请稍等一分钟再试。',
  },
  SERVICE_UNAVAILABLE: {
    en: 'Attune cannot reach its database just now. Try again in a few seconds.',
    zh: 'Attune 暂时无法连接数据库，请几秒钟后再试。',
  },
  CLIENT_AUTHORED: {
    en: "This is the client's own entry: it cannot be changed or removed. Add a staff note, or hide it with a reason.",
    zh: '这是来访者本人的记录：不能修改或删除。你可以添加工作人员备注，或注明理由后将其隐藏。',
  },
  CASE_CLOSED: {
    en: 'This case is closed, so nothing more can be added to it.',
    zh: '这个个案已结案，不能再添加内容。',
  },
  CASE_NOT_CLOSED: {
    en: 'A discharge summary is made once the case is closed. Close the case first, or download the case report.',
    zh: '个案结案后才能生成结案总结。请先结案，或下载个案报告。',
  },
  SCHEDULE_CONFLICT: {
    en: 'This time overlaps another appointment. Give a reason to book it anyway, or pick another time.',
    zh: '这个时间与另一个预约重叠。请填写理由后仍然预约，或另选时间。',
  },
  OUTSIDE_WORKING_HOURS: {
    en: 'This time is outside the working hours. Confirm to book it anyway.',
    zh: '这个时间不在工作时间内。确认后仍可预约。',
  },
  OUTSIDE_CHANGE_POLICY: {
    en: 'It is too close to the appointment to change it here. Please contact your practitioner.',
    zh: '距离预约时间太近，无法在这里更改。请直接联系你的咨询师。',
  },
  UNAUTHENTICATED: {
    en: 'Your session has ended. Please sign in again.',
    zh: '你的登录已失效，请重新登录。',
  },
  XSRF_REJECTED: {
    en: 'The page is out of date. Reload it and try again.',
    zh: '页面已过期，请重新加载后再试。',
  },
  TOTP_ENROLMENT_REQUIRED: {
    en: 'Your practice requires two-step sign-in. Set it up in My account first.',
    zh: '你所在的机构要求两步登录，请先在“我的账户”中完成设置。',
  },
  PASSWORD_CHANGE_REQUIRED: {
    en: 'An administrator asked you to choose a new password. Choose it in My account first.',
    zh: '管理员要求你设置新密码，请先在“我的账户”中设置。',
  },
  TOTP_REQUIRED: {
    en: 'Enter the 6-digit code from your authenticator app.',
    zh: '请输入身份验证器应用中的 6 位验证码。',
  },
  TOTP_INVALID: {
    en: 'That code is not right. Check the time on your phone and try the newest code.',
    zh: '验证码不正确。请检查手机时间，并使用最新的验证码。',
  },
  TOTP_REQUIRED_BY_PRACTICE: {
    en: 'Your practice requires two-step sign-in for staff, so it cannot be turned off.',
    zh: '你所在的机构要求工作人员使用两步登录，因此不能关闭。',
  },
  SIGN_IN_DELAYED: {
    en: 'Too many failed sign-ins. Wait a little and try again.',
    zh: '登录失败次数过多，请稍后再试。',
  },
  LINK_INVALID: {
    en: 'This link no longer works. Ask for a new one.',
    zh: '这个链接已失效，请重新申请一个。',
  },
  TOKEN_SCOPE: {
    en: "The API token's permissions do not cover this.",
    zh: '这个 API 令牌的权限范围不包括此操作。',
  },
  BODY_TOO_LARGE: {
    en: 'What you sent is too large (at most 1 MB).',
    zh: '提交的内容太大（最多 1 MB）。',
  },
  IDEMPOTENCY_KEY_REUSED: {
    en: 'This was already sent with different content. Reload the page and send it again.',
    zh: '这次提交与之前的内容不同。请重新加载页面后再提交。',
  },
  BUSY: {
    en: 'The server is busy just now. Try again in a moment.',
    zh: '服务器正忙，请稍后再试。',
  },
  INTERNAL: {
    en: 'Something went wrong on our side. Try again; if it keeps happening, tell your administrator.',
    zh: '我们这边出了点问题。请再试一次；如果反复出现，请告知管理员。',
  },
} as const satisfies Record<ApiErrorCode, ErrorTexts>;

/** The translation key of a code's text. */
export function apiErrorKey(code: ApiErrorCode): string {
  return `api_errors.${code}`;
}

function messagesIn(language: keyof ErrorTexts): { api_errors: Record<ApiErrorCode, string> } {
  const texts = {} as Record<ApiErrorCode, string>;
  for (const [code, words] of Object.entries(API_ERROR_TEXTS) as Array<[ApiErrorCode, ErrorTexts]>) texts[code] = words[language];
  return { api_errors: texts };
}

export const apiErrorEnMessages = messagesIn('en');
export const apiErrorZhMessages = messagesIn('zh');
