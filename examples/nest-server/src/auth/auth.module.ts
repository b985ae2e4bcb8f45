import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuditService } from '../audit/audit.service.js';
import type { AppConfig } from '../config/config.js';
import { EmptyJsonBodies } from '../security/empty-json-body.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { SessionRevocations } from './session-revocations.js';

/** Accounts and bearer tokens; exports the guard and the audit service to the other modules. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        JwtModule.register({
          secret: config.jwtSecret,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [AuthController],
      providers: [AuthService, JwtAuthGuard, AuditService, SessionRevocations, EmptyJsonBodies],
      exports: [JwtAuthGuard, AuditService, JwtModule, SessionRevocations],
    };
  }
}
