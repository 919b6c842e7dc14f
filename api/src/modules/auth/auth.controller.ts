import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Public, SignedIn } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import type { Actor } from '../../common/request-context.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuthService, SESSION_COOKIE, XSRF_COOKIE, type SignedInUser } from './auth.service.js';

export const loginSchema = z.strictObject({
  email: z.string().trim().min(3, 'is required').max(254, 'is too long'),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
  totp: z.string().trim().regex(/^(\d{6}|[a-z0-9]{4}-?[a-z0-9]{4})$/i, 'must be a 6-digit code or a recovery code').optional(),
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

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
  ): Promise<SignedInUser> {
    const result = await this.auth.login(body, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });
    const common = { sameSite: 'strict' as const, secure: this.config.cookieSecure, path: '/' };
    res.cookie(SESSION_COOKIE, result.sessionToken, { ...common, httpOnly: true });
    res.cookie(XSRF_COOKIE, result.xsrfToken, { ...common, httpOnly: false });
    return result.user;
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out; the session ends on the server' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.cookies?.[SESSION_COOKIE]);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(XSRF_COOKIE, { path: '/' });
  }

  @Get('me')
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentActor() actor: Actor): SignedInUser {
    return { id: actor.userId, email: actor.email, role: actor.role, displayName: actor.displayName };
  }
}
