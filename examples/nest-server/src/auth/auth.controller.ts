import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import type { UserProfile } from '../contract/index.js';
import { type LoginCredentials, loginSchema, type Registration, registrationSchema } from './auth.schemas.js';
import { AuthService, LoginThrottledException } from './auth.service.js';
import { type AuthUser, CurrentUser, RequireScopes } from './auth-user.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';

/** `/api/auth/*`: accounts, tokens, and the user's GDPR rights. */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an account' })
  register(
    @Body(new ZodValidationPipe(registrationSchema)) body: Registration,
    @Req() request: FastifyRequest,
  ): Promise<UserProfile> {
    return this.auth.register(body, String(request.id));
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a 24 h bearer token' })
  async login(
    @Body(new ZodValidationPipe(loginSchema)) body: LoginCredentials,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    try {
      return await this.auth.login(body, String(request.id));
    } catch (error) {
      if (error instanceof LoginThrottledException)
        void reply.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Get('me')
  @UseGuards(JwtAuthGuard)
  @RequireScopes('read')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<UserProfile> {
    return this.auth.profile(user.id, String(request.id));
  }

  @Get('me/export')
  @UseGuards(JwtAuthGuard)
  @RequireScopes('read')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'GDPR export: everything stored about the signed-in user' })
  exportData(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest) {
    return this.auth.exportData(user.id, String(request.id));
  }

  @Delete('me')
  @HttpCode(204)
  @UseGuards(JwtAuthGuard)
  @RequireScopes('write')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'GDPR erasure: delete the account and all its data' })
  async erase(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<void> {
    await this.auth.erase(user.id, String(request.id));
  }
}
