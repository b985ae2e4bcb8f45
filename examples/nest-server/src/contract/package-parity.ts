// Compile-time only: the contract restates, as zod schemas, shapes that the packages define as
// TypeScript types (the drill-down of @da-ki/sdk, the data report of @da-ki/providers). If a package
// changes one of them, `tsc` fails here, naming the type, instead of the wire drifting silently.
import type { ValidationSummary } from '@da-ki/ml';
import type {
  DataReport,
  DataIssue as PackageDataIssue,
  FileReport as PackageFileReport,
  SymbolReport as PackageSymbolReport,
} from '@da-ki/providers';
import type {
  Grade,
  RiskDetail,
  ScoreResult,
  FactorDetail as SdkFactorDetail,
  FactorName as SdkFactorName,
  MetricDetail as SdkMetricDetail,
} from '@da-ki/sdk';
import type { DataIssue, DataStatusResponse, FileReport, SymbolReport } from './data-status.js';
import type { FactorName } from './factor-names.js';
import type { FactorDetail, MetricDetail, StockDetail } from './market.js';
import type { PredictionView } from './prediction.js';

/** `true` when A and B are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only for `true`. */
function same<_Check extends true>(): void {}

same<Same<FactorName, SdkFactorName>>();
same<Same<NonNullable<StockDetail['grade']>, Grade>>();
same<Same<StockDetail['grades'], ScoreResult['grades']>>();
same<Same<StockDetail['risk'], RiskDetail>>();
same<Same<MetricDetail, SdkMetricDetail>>();
same<Same<FactorDetail, SdkFactorDetail>>();
same<Same<DataIssue, PackageDataIssue>>();
same<Same<FileReport, PackageFileReport>>();
same<Same<SymbolReport, PackageSymbolReport>>();
same<Same<Omit<DataStatusResponse, 'data_source'>, DataReport>>();
same<
  Same<
    Extract<PredictionView, { horizon_days: number }>['validation']['stacking'],
    ValidationSummary['stacking']
  >
>();
