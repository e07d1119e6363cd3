// Structured JSON logs. Lines carry route patterns, statuses and ids, never what a client typed.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'closer' },
      redact: { paths: ['email', 'name', 'phone', 'notes', 'password', '*.email', '*.name', '*.phone', '*.notes', '*.password'], censor: '[redacted]' },
    },
    destination,
  );
}
