import { Field, ID, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import {
  ClientNotFoundError,
  ErrorCode,
  ErrorResult,
  InvalidPasswordError,
  PreviewStaleError,
  TooManyAttemptsError,
} from './errors';

/**
 * Codes of the blockers. The core's are fixed; a plugin's codes are added by
 * {@link registerBlockerCodes} before the schema is built, so the enum lists exactly the codes
 * the running service can return.
 */
export const BlockerCode: Record<string, string> = {
  OPEN_INVOICES: 'OPEN_INVOICES',
  RECURRING_INVOICES: 'RECURRING_INVOICES',
  ACTIVE_SERVICES: 'ACTIVE_SERVICES',
};
registerEnumType(BlockerCode, {
  name: 'BlockerCode',
  description: 'Why a client cannot be deleted yet.',
  valuesConfig: {
    OPEN_INVOICES: { description: 'An active or proforma invoice is not closed.' },
    RECURRING_INVOICES: { description: 'A recurring invoice exists.' },
    ACTIVE_SERVICES: { description: 'A service is active or suspended.' },
  },
});

export function registerBlockerCodes(codes: readonly string[]): void {
  for (const code of codes) BlockerCode[code] = code;
}

@ObjectType({ description: 'Something that stops the deletion, with the rows behind it.' })
export class DeletionBlocker {
  @Field(() => BlockerCode)
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
