import { Field, ID, ObjectType, createUnionType } from 'type-graphql';
import type { StaffProfile } from '../auth/auth.service';
import type { StaffSummary } from '../auth/staff-summaries';
import {
  InvalidCredentialsError,
  SecondFactorRequiredError,
  SecondFactorUnsupportedError,
  TooManyAttemptsError,
} from './errors';

@ObjectType('Staff', { description: 'A staff member of the company.' })
export class StaffObject {
  @Field(() => ID)
  id!: string;

  @Field()
  firstName!: string;

  @Field()
  lastName!: string;

  @Field()
  email!: string;

  @Field(() => [String], { description: 'Granted by the staff groups, e.g. admin_clients.view.' })
  permissions!: string[];

  static from(profile: StaffProfile): StaffObject {
    return Object.assign(new StaffObject(), {
      id: String(profile.id),
      firstName: profile.firstName,
      lastName: profile.lastName,
      email: profile.email,
      permissions: [...profile.permissions],
    });
  }
}

@ObjectType('StaffSummary', {
  description: 'A staff member named on a record, e.g. who deleted a client: no email, no permissions.',
})
export class StaffSummaryObject {
  @Field(() => ID)
  id!: string;

  @Field()
  firstName!: string;

  @Field()
  lastName!: string;

  static from(summary: StaffSummary): StaffSummaryObject {
    return Object.assign(new StaffSummaryObject(), {
      id: String(summary.id),
      firstName: summary.firstName,
      lastName: summary.lastName,
    });
  }
}

@ObjectType({ description: 'A new session. Send the token as `Authorization: Bearer <token>`.' })
export class LoginSuccess {
  @Field({ description: 'Shown once; only its hash is stored.' })
  token!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => StaffObject)
  staff!: StaffObject;
}

export const LoginResult = createUnionType({
  name: 'LoginResult',
  types: () =>
    [
      LoginSuccess,
      InvalidCredentialsError,
      TooManyAttemptsError,
      SecondFactorRequiredError,
      SecondFactorUnsupportedError,
    ] as const,
});
