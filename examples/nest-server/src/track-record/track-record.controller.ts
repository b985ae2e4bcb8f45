import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import {
  type ScoreHistoryQuery,
  type ScoreHistoryResponse,
  scoreHistoryQuerySchema,
  symbolParamSchema,
  type TrackRecordQuery,
  type TrackRecordResponse,
  trackRecordQuerySchema,
} from '../contract/index.js';
import { ScoreHistoryService } from './score-history.service.js';
import { TrackRecordService } from './track-record.service.js';

/** The record: how a stock's score moved, and how every forecast and the ranking did. */
@ApiTags('track-record')
@Controller('api')
export class TrackRecordController {
  constructor(
    private readonly history: ScoreHistoryService,
    private readonly record: TrackRecordService,
  ) {}

  @Get('stocks/:symbol/history')
  @ApiOperation({ summary: 'Score, grade, factors, rank and price of one stock per kept run' })
  scoreHistory(
    @Param('symbol', new ZodValidationPipe(symbolParamSchema, 'symbol')) symbol: string,
    @Query(new ZodValidationPipe(scoreHistoryQuerySchema, 'query')) query: ScoreHistoryQuery,
  ): Promise<ScoreHistoryResponse> {
    return this.history.history(symbol, query);
  }

  @Get('track-record')
  @ApiOperation({ summary: 'Every forecast and the score judged against what happened' })
  trackRecord(
    @Query(new ZodValidationPipe(trackRecordQuerySchema, 'query')) query: TrackRecordQuery,
  ): Promise<TrackRecordResponse> {
    return this.record.trackRecord(query);
  }
}
