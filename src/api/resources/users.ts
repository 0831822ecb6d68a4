import { type Caller, segment } from "../caller.js";
import { checkPageSize, paginate } from "../paginate.js";
import { UserResult, UsersListResult } from "../types/results.js";
import type { UserWithRoles } from "../types/user.js";

export interface UsersListFilter {
  email?: string;
  slack_user_id?: string;
  /** Deactivated users are left out unless asked for. */
  include_inactive?: boolean;
}

/** Users (v2). */
export class Users {
  constructor(private readonly caller: Caller) {}

  /** Every matching user, over all pages. */
  list(
    filter: UsersListFilter = {},
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<UserWithRoles> {
    const pageSize = checkPageSize(options.pageSize ?? 250);
    return paginate(async (after) => {
      const result = await this.caller.json(UsersListResult, "GET", "/v2/users", {
        query: { ...filter, page_size: pageSize, after },
      });
      return { items: result.users, after: result.pagination_meta?.after };
    }, options.limit);
  }

  async show(id: string): Promise<UserWithRoles> {
    return (await this.caller.json(UserResult, "GET", `/v2/users/${segment(id)}`)).user;
  }
}
