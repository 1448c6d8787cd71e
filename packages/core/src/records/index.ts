export type { RequestLog, RequestLogQuery, RequestLogPage } from './request-log';
export type {
  DailyModelStat,
  DailyCategoryStat,
  DailyStats,
  DailyStatsQuery,
  StatCounters,
} from './daily-stats';
export {
  statIncrementFor,
  emptyCounters,
  addCounters,
  STAT_COUNTER_FIELDS,
  type StatIncrement,
} from './stat-increments';
export { encodeLogCursor, decodeLogCursor, pageSize, newerThan, type LogCursor } from './log-cursor';
export {
  createRecordWriter,
  type RecordWriter,
  type RecordWriterOptions,
  type RecordWriterStats,
  type RecordWriterLogger,
} from './record-writer';
export { summarizeStats, type StatsGroupBy, type UsageRow, type UsageReport } from './summarize-stats';
