import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

/** Scopes a token may carry. */
export type Scope = 'read' | 'write';

/** The authenticated caller, attached to the request by {@link JwtAuthGuard}. */
export interface AuthUser {
  id: string;
  scopes: Scope[];
}

export const SCOPES_KEY = 'daki:scopes';

/** Marks a route as needing a bearer token with these scopes. */
export const RequireScopes = (...scopes: Scope[]) => SetMetadata(SCOPES_KEY, scopes);

/** Injects the authenticated user into a handler parameter. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
