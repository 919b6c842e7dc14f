import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AllowApiToken, AllowBeforePasswordChange, AllowWithoutTotp, Public, SignedIn } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import type { Actor } from '../../common/request-context.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuthService, SESSION_COOKIE, XSRF_COOKIE } from './auth.service.js';
import { AccountLinks } from './account-links.service.js';

import { TotpService, type TotpEnrolment, type TotpStatus } from './totp.service.js';
import type { AccountDto } from '@attune/domain';
import { ApiAnswer, ApiNoContent } from '../../openapi/api-answer.decorator.js';
import { accountDtoSchema, recoveryCodesDtoSchema, totpEnrolmentDtoSchema, totpStatusDtoSchema } from '@attune/domain';


/** Text with messages a person can act on: "is required" when missing, "must be text" otherwise. */
const text = () => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') });

export const loginSchema = z.strictObject({
  email: text().trim().min(3, 'is required').max(254, 'is too long'),
  password: text().min(1, 'is required').max(1024, 'is too long'),
  totp: text().trim().regex(/^(\d{6}|[a-z0-9]{5}-?[a-z0-9]{5})$/i, 'must be a 6-digit code or a recovery code').optional(),
});

export const totpConfirmSchema = z.strictObject({
  code: text().trim().regex(/^\d{6}$/, 'must be the 6-digit code your authenticator app shows'),
  password: text().min(1, 'is required').max(1024, 'is too long'),
});

export const totpDisableSchema = z.strictObject({
  password: text().min(1, 'is required').max(1024, 'is too long'),
  code: text().trim().regex(/^(\d{6}|[a-z0-9]{5}-?[a-z0-9]{5})$/i, 'must be a 6-digit code or a recovery code'),
});

/** The length rule is checked here; the rest (common passwords, name) in AuthService with a message per field. */
export const passwordChangeSchema = z.strictObject({
  currentPassword: text().min(1, 'is required').max(1024, 'is too long'),
  newPassword: text().min(1, 'is required').max(1024, 'is too long'),
});

export const passwordLinkSchema = z.strictObject({
  token: text().trim().min(20, 'is not a valid link').max(200, 'is not a valid link'),
  password: text().min(1, 'is required').max(1024, 'is too long'),
});

export const passwordResetRequestSchema = z.strictObject({
  email: text().trim().min(3, 'is required').max(254, 'is too long'),
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly totp: TotpService,
    private readonly links: AccountLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiAnswer(accountDtoSchema)
  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Sign in; sets the session cookie and the XSRF-TOKEN cookie' })
  async login(
    @Body({ schema: loginSchema }) body: z.infer<typeof loginSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccountDto> {
    const result = await this.auth.login(body, {
      ip: req.ip ?? null,
      userAgent: req.get('user-agent') ?? null,
      previousToken: req.cookies?.[SESSION_COOKIE],
    });
    this.setSessionCookie(res, result.sessionToken);
    res.cookie(XSRF_COOKIE, result.xsrfToken, { ...this.cookieOptions(), httpOnly: false });
    return this.auth.account(result.user);
  }

  private cookieOptions() {
    return { sameSite: 'strict' as const, secure: this.config.cookieSecure, path: '/' };
  }

  private setSessionCookie(res: Response, token: string): void {
    res.cookie(SESSION_COOKIE, token, { ...this.cookieOptions(), httpOnly: true });
  }

  @ApiNoContent('Done: no body')
  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out; the session ends on the server (audited as logout)' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.cookies?.[SESSION_COOKIE]);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(XSRF_COOKIE, { path: '/' });
  }

  @ApiAnswer(accountDtoSchema)
  @Get('me')
  @SignedIn()
  @AllowApiToken()
  @AllowWithoutTotp()
  @AllowBeforePasswordChange()
  @ApiOperation({ summary: 'The signed-in user, with their two-step sign-in state and whether an admin asked for a new password' })
  me(@CurrentActor() actor: Actor): Promise<AccountDto> {
    return this.auth.account({ id: actor.userId, email: actor.email, role: actor.role, displayName: actor.displayName });
  }

  @ApiNoContent('Done: no body')
  @Post('password')
  @SignedIn()
  @AllowBeforePasswordChange()
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Change the password; every other session of the account ends and this one gets a new session cookie' })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body({ schema: passwordChangeSchema }) body: z.infer<typeof passwordChangeSchema>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const { sessionToken } = await this.auth.changePassword(actor, body.currentPassword, body.newPassword);
    this.setSessionCookie(res, sessionToken);
  }

  @ApiNoContent('Done: no body')
  @Post('activate')
  @Public()
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Uses the link of an invitation e-mail ({token, password}): sets the first password (the password rules); the link works once, for 72 hours' })
  async activate(@Body({ schema: passwordLinkSchema }) body: z.infer<typeof passwordLinkSchema>): Promise<void> {
    await this.links.usePasswordLink('invitation', body.token, body.password);
  }

  @ApiNoContent('Accepted: a link goes out if the address has an account', 202)
  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Asks for a password-reset link by e-mail ({email}); always 202, the same for an unknown address; at most 3 an hour per address and per account' })
  async requestPasswordReset(@Body({ schema: passwordResetRequestSchema }) body: z.infer<typeof passwordResetRequestSchema>): Promise<void> {
    await this.links.requestPasswordReset(body.email);
  }

  @ApiNoContent('Done: no body')
  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Uses a password-reset link ({token, password}): sets the new password and ends every session of the account; the link works once, for 1 hour' })
  async confirmPasswordReset(@Body({ schema: passwordLinkSchema }) body: z.infer<typeof passwordLinkSchema>): Promise<void> {
    await this.links.usePasswordLink('password_reset', body.token, body.password);
  }

  @ApiAnswer(totpStatusDtoSchema)
  @Get('totp')
  @SignedIn()
  @AllowWithoutTotp()
  @ApiOperation({ summary: 'Whether two-step sign-in is on, and how many recovery codes are left' })
  totpStatus(@CurrentActor() actor: Actor): Promise<TotpStatus> {
    return this.totp.status(actor.userId);
  }

  @ApiAnswer(totpEnrolmentDtoSchema)
  @Post('totp/enrol')
  @SignedIn()
  @AllowWithoutTotp()
  @HttpCode(200)
  @ApiOperation({ summary: 'Start two-step sign-in: an otpauth URL and its QR code (PNG data URL) for an authenticator app' })
  enrolTotp(@CurrentActor() actor: Actor): Promise<TotpEnrolment> {
    return this.totp.startEnrolment(actor);
  }

  @ApiAnswer(recoveryCodesDtoSchema)
  @Post('totp/confirm')
  @SignedIn()
  @AllowWithoutTotp()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Confirm with the password and a current code: turns two-step sign-in on, ends the account\'s other sessions and returns 10 single-use recovery codes, shown once' })
  confirmTotp(@CurrentActor() actor: Actor, @Body({ schema: totpConfirmSchema }) body: z.infer<typeof totpConfirmSchema>): Promise<{ recoveryCodes: string[] }> {
    return this.totp.confirmEnrolment(actor, body.code, body.password);
  }

  @ApiNoContent('Done: no body')
  @Post('totp/disable')
  @SignedIn()
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Turn two-step sign-in off: needs the password and a current code or a recovery code' })
  async disableTotp(@CurrentActor() actor: Actor, @Body({ schema: totpDisableSchema }) body: z.infer<typeof totpDisableSchema>): Promise<void> {
    await this.totp.disable(actor, body.password, body.code);
  }
}
