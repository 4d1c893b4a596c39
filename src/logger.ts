import pino, { type Logger, type DestinationStream } from 'pino';
import pretty from 'pino-pretty';

/**
 * Where the logs go without a destination: JSON lines on stdout, for log collectors and pipes
 * (`npm start | jq`); a person at a terminal reads them as coloured lines instead. Redaction
 * happens before either, in pino.
 */
function defaultDestination(): DestinationStream | undefined {
  if (!process.stdout.isTTY) return undefined;
  return pretty({
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    // Synchronous, like pino's own stdout: lines stay in order with the start banner, and the
    // last ones are written before the process exits.
    sync: true,
  });
}

/**
 * Structured JSON logs (pretty-printed when stdout is a terminal and no destination is given).
 * Secrets are redacted by path as a second line of defence; the first is never passing them to
 * the logger at all.
 */
export function createLogger(
  level: string,
  destination: DestinationStream | undefined = defaultDestination(),
): Logger {
  return pino(
    {
      level,
      base: { service: 'client-erasure' },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'req.headers.authorization',
          'variables.password',
          'variables.token',
          'otp',
          '*.otp',
          'variables.otp',
          'authHmacKey',
          '*.authHmacKey',
          'metricsToken',
          '*.metricsToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
