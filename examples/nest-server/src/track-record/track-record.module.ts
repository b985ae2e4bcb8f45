import { Module } from '@nestjs/common';
import { ScoreRunRepository } from '../scoring/score-run.repository.js';
import { StocksModule } from '../stocks/stocks.module.js';
import { ModelPerformanceRepository } from './model-performance.repository.js';
import { ReplayRunner } from './replay.js';
import { ScoreHistoryService } from './score-history.service.js';
import { TrackRecordController } from './track-record.controller.js';
import { TrackRecordService } from './track-record.service.js';
import { TrackRecordRecorder } from './track-record-recorder.js';

/**
 * The track record (issue 14): every served forecast kept in `model_performance` and judged once its
 * horizon has passed, each run's forecasts beside its scores, the score history and track-record
 * endpoints, and the replay that fills the record from the provider's history.
 */
@Module({
  imports: [StocksModule],
  controllers: [TrackRecordController],
  providers: [
    // Stateless: its own instance beside the stocks module's.
    ScoreRunRepository,
    ModelPerformanceRepository,
    TrackRecordRecorder,
    ScoreHistoryService,
    TrackRecordService,
    ReplayRunner,
  ],
  exports: [ReplayRunner, TrackRecordRecorder],
})
export class TrackRecordModule {}
