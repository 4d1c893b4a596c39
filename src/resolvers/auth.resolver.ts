import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { currentStaff, login, logout } from '../auth/auth.service';
import type { RequestContext } from '../context';
import { LoginResult, LoginSuccess, StaffObject } from '../schema/staff.types';

@Resolver()
export class AuthResolver {
  @Query(() => StaffObject, {
    nullable: true,
    description: 'The signed-in staff member; null when signed out.',
  })
  async me(@Ctx() ctx: RequestContext): Promise<StaffObject | null> {
    const staff = await currentStaff(ctx);
    return staff ? StaffObject.from(staff) : null;
  }

  @Mutation(() => LoginResult, { description: 'Signs a staff member in and returns a bearer token.' })
  async login(
    @Ctx() ctx: RequestContext,
    @Arg('email') email: string,
    @Arg('password') password: string,
    @Arg('otp', () => String, {
      nullable: true,
      description: 'The current code of the authenticator app, for staff with two-factor sign-in (TOTP).',
    })
    otp: string | null,
  ): Promise<typeof LoginResult> {
    const outcome = await login(ctx, email, password, otp);
    if (!('session' in outcome)) return outcome;
    return Object.assign(new LoginSuccess(), {
      token: outcome.session.token,
      expiresAt: outcome.session.expiresAt,
      staff: StaffObject.from(outcome.staff),
    });
  }

  @Mutation(() => Boolean, { description: 'Ends the session of the token this request carries.' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await logout(ctx);
    return true;
  }
}
