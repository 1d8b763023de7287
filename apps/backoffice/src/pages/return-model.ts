// What the return page, its actions and its timeline share (kept here so they do not import each
// other): the return and email types of the contract, and the actions a return takes.
import type { BackofficeRoutes } from '@retour/contracts/backoffice-api';
import type { EmailJobView } from '@retour/contracts/emails';
import type { MerchantReturn } from '@retour/contracts/returns';

export type { MerchantReturn };
export type Email = EmailJobView;

type ActionOf<K> = K extends `POST /api/v1/returns/:id/${infer A}` ? A : never;
/** approve, reject, receive, refunds, notes, …: the last part of each action's address. */
export type ReturnAction = ActionOf<keyof BackofficeRoutes>;
export type ActionRoute = `POST /api/v1/returns/:id/${ReturnAction}`;
export type ActionBody<A extends ReturnAction> = NonNullable<BackofficeRoutes[`POST /api/v1/returns/:id/${A}`]['body']>;
/** Runs one action on the return shown; true when it worked (the page shows the outcome). */
export type Run = <A extends ReturnAction>(action: A, body: ActionBody<A>, success?: string) => Promise<boolean>;
