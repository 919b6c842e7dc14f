import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountLinks } from './account-links.service.js';
import { ApiTokensController } from '../api-tokens/api-tokens.controller.js';
import { ApiTokensService } from '../api-tokens/api-tokens.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { SignInThrottle } from './sign-in-throttle.service.js';
import { TotpService } from './totp.service.js';

@Global()
@Module({
  // API tokens live beside the sessions: the guard resolves either
  controllers: [AuthController, ApiTokensController],
  providers: [AuthService, AccountLinks, TotpService, SignInThrottle, ApiTokensService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, AccountLinks, TotpService, SignInThrottle],
})
export class AuthModule {}
