import { GraphQLEnumType } from 'graphql';
import { Field, ID, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import {
  ClientNotFoundError,
  ErrorCode,
  ErrorResult,
  InvalidPasswordError,
  PreviewStaleError,
  TooManyAttemptsError,
} from './errors';

/** What each of the core's blockers means (their messages, with `{count}`, are for staff). */
const CORE_BLOCKER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  OPEN_INVOICES: 'An active or proforma invoice is not closed.',
  RECURRING_INVOICES: 'A recurring invoice exists.',
  ACTIVE_SERVICES: 'A service is active or suspended.',
};

const BLOCKER_CODE = { name: 'BlockerCode', description: 'Why a client cannot be deleted yet.' };

/**
 * The `BlockerCode` enum as type-graphql builds it: the core's codes. Never extended: each app's
 * schema replaces it with {@link blockerCodeEnum} of its own plan, whose plugins may add codes.
 */
const CoreBlockerCode = Object.fromEntries(
  Object.keys(CORE_BLOCKER_DESCRIPTIONS).map((code) => [code, code]),
);
registerEnumType(CoreBlockerCode, {
  ...BLOCKER_CODE,
  valuesConfig: Object.fromEntries(
    Object.entries(CORE_BLOCKER_DESCRIPTIONS).map(([code, description]) => [code, { description }]),
  ),
});

/**
 * The `BlockerCode` enum of one app: exactly the codes its erasure plan can return, core and
 * plugins alike, each described by the core's description or else by the blocker's message.
 */
export function blockerCodeEnum(
  blockers: readonly { readonly code: string; readonly message: string }[],
): GraphQLEnumType {
  return new GraphQLEnumType({
    ...BLOCKER_CODE,
    values: Object.fromEntries(
      blockers.map((b) => [
        b.code,
        { value: b.code, description: CORE_BLOCKER_DESCRIPTIONS[b.code] ?? b.message },
      ]),
    ),
  });
}

@ObjectType({ description: 'Something that stops the deletion, with the rows behind it.' })
export class DeletionBlocker {
  @Field(() => CoreBlockerCode)
  code!: string;

  @Field()
  message!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => [ID], { description: 'Ids of the blocking rows (at most 100).' })
  ids!: string[];
}

@ObjectType({ description: 'Rows of one table.' })
export class DeletionCount {
  @Field({ description: 'Table name, e.g. invoice_lines.' })
  table!: string;

  @Field({ description: 'Human category, e.g. Invoices.' })
  category!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Kept rows of a preview: why they are kept. Null for rows that are deleted.',
  })
  reason?: string | null;
}

@ObjectType({ description: 'What deleting a client would do, and what stops it.' })
export class ClientDeletionPreview {
  @Field(() => ID)
  clientId!: string;

  @Field()
  deletable!: boolean;

  @Field(() => [DeletionBlocker])
  blockers!: DeletionBlocker[];

  @Field(() => [DeletionCount], { description: 'One entry per table with rows to delete.' })
  counts!: DeletionCount[];

  @Field(() => [DeletionCount], {
    description: 'Rows linked to the client that are kept, e.g. a sign-in shared with a staff member.',
  })
  kept!: DeletionCount[];

  @Field(() => Int)
  total!: number;

  @Field({ description: 'Deletion is permanent and cannot be undone.' })
  warning!: string;

  @Field({ description: 'Changes whenever any count or blocker changes; pass it to deleteClient.' })
  previewToken!: string;
}

@ObjectType({ description: 'The audit record of a deletion: ids and counts, no personal data.' })
export class DeletionReceipt {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field()
  deletedAt!: Date;

  /** Resolved by a field resolver into `deletedBy`. */
  staffId!: number | null;

  @Field(() => [DeletionCount])
  counts!: DeletionCount[];

  @Field(() => [DeletionCount])
  kept!: DeletionCount[];

  @Field(() => Int)
  total!: number;
}

@ObjectType()
export class ClientDeleted {
  @Field(() => DeletionReceipt)
  receipt: DeletionReceipt;

  constructor(receipt: DeletionReceipt) {
    this.receipt = receipt;
  }
}

@ObjectType({ implements: ErrorResult })
export class DeletionBlockedError extends ErrorResult {
  @Field(() => [DeletionBlocker])
  blockers: DeletionBlocker[];

  constructor(blockers: DeletionBlocker[]) {
    super();
    this.errorCode = ErrorCode.DELETION_BLOCKED;
    this.message = `The client cannot be deleted: ${blockers.map((b) => b.message).join(' ')}`;
    this.blockers = blockers;
  }
}

export const ClientDeletionPreviewResult = createUnionType({
  name: 'ClientDeletionPreviewResult',
  types: () => [ClientDeletionPreview, ClientNotFoundError] as const,
});

export const DeleteClientResult = createUnionType({
  name: 'DeleteClientResult',
  types: () =>
    [
      ClientDeleted,
      ClientNotFoundError,
      DeletionBlockedError,
      InvalidPasswordError,
      TooManyAttemptsError,
      PreviewStaleError,
    ] as const,
});
