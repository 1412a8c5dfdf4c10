/**
 * How the gateway and the subgraphs write their logs (pino): `LOG_FORMAT=pretty` — one readable,
 * coloured line per entry through pino-pretty, the default when stdout is a terminal — or `json`
 * (one JSON object per line, ISO 8601 times), the default otherwise (containers, files, pipes).
 * With tracing on, every line written while a span is active carries its `trace_id`
 * (platform/tracing.ts), so a log line leads to its trace and back.
 */
import { stdTimeFunctions, type LoggerOptions } from 'pino';
import { activeTraceId } from './tracing.js';

export type LogFormat = 'pretty' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['pretty', 'json'];

/** `LOG_FORMAT` if valid, else pretty on a terminal and JSON elsewhere. */
export function logFormatOf(env: NodeJS.ProcessEnv = process.env, terminal: boolean = process.stdout.isTTY === true): LogFormat {
  const given = env.LOG_FORMAT;
  if (given === 'pretty' || given === 'json') return given;
  return terminal ? 'pretty' : 'json';
}

/** pino's options for a logger at `level` in `format`. */
export function loggerOptions(level: string, format: LogFormat): LoggerOptions {
  return {
    level,
    timestamp: stdTimeFunctions.isoTime,
    mixin() {
      const traceId = activeTraceId();
      return traceId === undefined ? {} : { trace_id: traceId };
    },
    ...(format === 'pretty'
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true } } }
      : {}),
  };
}
