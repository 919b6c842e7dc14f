import { Module } from '@nestjs/common';

/** Filled in by its own issue: controller, service and DTOs in this folder. */
@Module({})
export class UsersModule {}
