import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { TotpService } from './totp.service.js';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, TotpService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, TotpService],
})
export class AuthModule {}
