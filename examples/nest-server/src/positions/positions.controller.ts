import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser, RequireScopes } from '../auth/auth-user.js';
import { JwtAuthGuard } from '../auth/jwt-auth.guard.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import type { PortfolioSummary, PositionList, PositionView } from '../contract/index.js';
import {
  type AddPosition,
  addPositionSchema,
  positionIdSchema,
  type UpdatePosition,
  updatePositionSchema,
} from './positions.schemas.js';
import { PositionsService } from './positions.service.js';

/** Live monitoring of the signed-in user's positions. */
@ApiTags('live-monitoring')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@Controller('api')
export class PositionsController {
  constructor(private readonly positions: PositionsService) {}

  @Post('live-monitoring/add')
  @HttpCode(201)
  @RequireScopes('write')
  @ApiOperation({ summary: 'Add a position at the current price' })
  add(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(addPositionSchema)) body: AddPosition,
    @Req() req: FastifyRequest,
  ): Promise<PositionView> {
    return this.positions.add(user.id, body, String(req.id));
  }

  @Get('live-monitoring')
  @RequireScopes('read')
  @ApiOperation({ summary: "The user's positions at the latest prices" })
  async list(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<PositionList> {
    return { positions: await this.positions.list(user.id, String(req.id)) };
  }

  @Patch('live-monitoring/:position_id')
  @RequireScopes('write')
  @ApiOperation({ summary: 'Change shares, investment, limits or status of a position' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('position_id', new ZodValidationPipe(positionIdSchema, 'position_id')) id: string,
    @Body(new ZodValidationPipe(updatePositionSchema)) body: UpdatePosition,
    @Req() req: FastifyRequest,
  ): Promise<PositionView> {
    return this.positions.update(user.id, id, body, String(req.id));
  }

  @Delete('live-monitoring/:position_id')
  @HttpCode(204)
  @RequireScopes('write')
  @ApiOperation({ summary: 'Delete a position' })
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('position_id', new ZodValidationPipe(positionIdSchema, 'position_id')) id: string,
    @Req() req: FastifyRequest,
  ): Promise<void> {
    await this.positions.remove(user.id, id, String(req.id));
  }

  @Get('monitoring/summary')
  @RequireScopes('read')
  @ApiOperation({ summary: 'Totals over the active positions' })
  summary(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<PortfolioSummary> {
    return this.positions.summary(user.id, String(req.id));
  }
}
