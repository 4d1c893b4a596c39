import pino, { type Logger, type DestinationStream } from 'pino';

/**
 * Structured JSON logs. Secrets are redacted by path as a second line of defence; the first is
 * never passing them to the logger at all.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
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
