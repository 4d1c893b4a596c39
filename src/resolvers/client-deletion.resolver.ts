import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../context';
import { ClientDeletionPreviewResult, DeleteClientResult, DeletionReceipt } from '../schema/deletion.types';
import { parseId } from '../schema/ids';
import { PageInfo, decodeCursor, encodeCursor, parsePageSize } from '../schema/pagination';
import { StaffSummaryObject } from '../schema/staff.types';
import { staffSummaries } from '../auth/staff-summaries';

@ObjectType()
class ClientDeletionEdge {
  @Field()
  cursor!: string;

  @Field(() => DeletionReceipt)
  node!: DeletionReceipt;
}

@ObjectType({ description: 'The audit log of deletions in the company, newest first.' })
class ClientDeletionConnection {
  @Field(() => [ClientDeletionEdge])
  edges!: ClientDeletionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

/** Preview, confirmed delete and the audit list: argument parsing and one service call each. */
@Resolver()
export class ClientDeletionResolver {
  @Query(() => ClientDeletionPreviewResult, {
    description: 'What deleting the client would delete, and what blocks it. Needs admin_clients.delete.',
  })
  clientDeletionPreview(@Arg('clientId', () => ID) clientId: string, @Ctx() ctx: RequestContext) {
    return ctx.app.deletions.preview(ctx, parseId(clientId, 'clientId'));
  }

  @Mutation(() => DeleteClientResult, {
    description:
      "Permanently deletes the client and every record of it, after re-checking the staff member's own " +
      'password. Pass the previewToken of the preview that was confirmed. Needs admin_clients.delete.',
  })
  deleteClient(
    @Arg('id', () => ID) id: string,
    @Arg('password') password: string,
    @Arg('previewToken', () => String, { nullable: true }) previewToken: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.app.deletions.deleteClient(ctx, parseId(id, 'id'), password, previewToken);
  }

  @Query(() => ClientDeletionConnection, {
    description: 'Deletions in the company. Needs admin_clients.delete.',
  })
  async clientDeletions(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ClientDeletionConnection> {
    const size = parsePageSize(first);
    const page = await ctx.app.deletions.listDeletions(ctx, size, after ? decodeCursor(after) : null);
    const edges = page.receipts.map((node) => ({ cursor: encodeCursor(Number(node.id)), node }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }
}

@Resolver(() => DeletionReceipt)
export class DeletionReceiptResolver {
  @FieldResolver(() => StaffSummaryObject, {
    nullable: true,
    description: 'The staff member who confirmed the deletion (null if no longer in the company).',
  })
  async deletedBy(
    @Root() receipt: DeletionReceipt,
    @Ctx() ctx: RequestContext,
  ): Promise<StaffSummaryObject | null> {
    if (receipt.staffId === null) return null;
    const staff = await staffSummaries(ctx).load(receipt.staffId);
    return staff ? StaffSummaryObject.from(staff) : null;
  }
}
