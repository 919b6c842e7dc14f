import { Injectable } from '@nestjs/common';
import type { User } from '../users/user.entity.js';

/**
 * Second-factor codes. Enrolment, recovery codes and verification are filled in
 * by the accounts work (issue 6); until a user enrols, sign-in needs no code.
 */
@Injectable()
export class TotpService {
  async verifyLoginCode(_user: User, _code: string): Promise<boolean> {
    return false;
  }
}
