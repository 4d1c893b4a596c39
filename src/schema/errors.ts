import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';

/** Codes of the expected failures, returned as typed results (never thrown). */
export enum ErrorCode {
  CLIENT_NOT_FOUND = 'CLIENT_NOT_FOUND',
  DELETION_BLOCKED = 'DELETION_BLOCKED',
  INVALID_PASSWORD = 'INVALID_PASSWORD',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  PREVIEW_STALE = 'PREVIEW_STALE',
  SECOND_FACTOR_REQUIRED = 'SECOND_FACTOR_REQUIRED',
  SECOND_FACTOR_UNSUPPORTED = 'SECOND_FACTOR_UNSUPPORTED',
}
registerEnumType(ErrorCode, { name: 'ErrorCode', description: 'Code of an expected failure.' });

@InterfaceType({ description: 'An expected failure, returned as part of a result union.' })
export abstract class ErrorResult {
  @Field(() => ErrorCode)
  errorCode!: ErrorCode;

  @Field()
  message!: string;
}

@ObjectType({ implements: ErrorResult })
export class InvalidCredentialsError extends ErrorResult {
  constructor() {
    super();
    this.errorCode = ErrorCode.INVALID_CREDENTIALS;
    this.message = 'The email or password is not correct.';
  }
}

@ObjectType({
  implements: ErrorResult,
  description:
    'The password was right, and this staff member signs in with a one-time code too: send login ' +
    'again with the current code of their authenticator app as `otp`. Counts as a failed attempt.',
})
export class SecondFactorRequiredError extends ErrorResult {
  constructor() {
    super();
    this.errorCode = ErrorCode.SECOND_FACTOR_REQUIRED;
    this.message = 'Enter the one-time code from your authenticator app to sign in.';
  }
}

@ObjectType({
  implements: ErrorResult,
  description:
    "The password was right, but the staff member's two-factor mode (Blesta's mOTP) is not supported " +
    'here; an administrator can switch the account to TOTP.',
})
export class SecondFactorUnsupportedError extends ErrorResult {
  constructor() {
    super();
    this.errorCode = ErrorCode.SECOND_FACTOR_UNSUPPORTED;
    this.message =
      'This account signs in with mOTP, which this service does not support; ask an administrator ' +
      'to switch it to TOTP (an authenticator app).';
  }
}

@ObjectType({ implements: ErrorResult })
export class InvalidPasswordError extends ErrorResult {
  constructor() {
    super();
    this.errorCode = ErrorCode.INVALID_PASSWORD;
    this.message = 'The password is not correct.';
  }
}

@ObjectType({ implements: ErrorResult })
export class TooManyAttemptsError extends ErrorResult {
  @Field({ description: 'When password checks for this sign-in email are allowed again.' })
  retryAfter: Date;

  constructor(retryAfter: Date) {
    super();
    this.errorCode = ErrorCode.TOO_MANY_ATTEMPTS;
    this.message = 'Too many failed password attempts; try again later.';
    this.retryAfter = retryAfter;
  }
}

@ObjectType({ implements: ErrorResult })
export class ClientNotFoundError extends ErrorResult {
  @Field()
  clientId: string;

  constructor(clientId: number) {
    super();
    this.errorCode = ErrorCode.CLIENT_NOT_FOUND;
    this.message = `No client with id ${clientId}.`;
    this.clientId = String(clientId);
  }
}

@ObjectType({ implements: ErrorResult })
export class PreviewStaleError extends ErrorResult {
  @Field({ description: 'The token of the current preview; preview again before confirming.' })
  currentPreviewToken: string;

  constructor(currentPreviewToken: string) {
    super();
    this.errorCode = ErrorCode.PREVIEW_STALE;
    this.message = 'What would be deleted has changed since the preview; review the new preview.';
    this.currentPreviewToken = currentPreviewToken;
  }
}
