// The back office's typed route map: every merchant route the back office calls, as
// "METHOD /path/:param" → the zod schemas of its query, body and answer. Types only (this file
// imports the schemas with `import type` and exports nothing at run time), so a client can use it
// without bundling zod. `apps/backoffice/src/api.ts` turns it into one typed `call()`; a renamed
// or removed contract field then fails `tsc` wherever the back office uses it.
import type { z } from 'zod';
import type {
  BulkBodySchema,
  BulkResultSchema,
  InsightsQuerySchema,
  InsightsSchema,
  LoginBodySchema,
  PasswordChangeBodySchema,
  ReturnCountsQuerySchema,
  ReturnCountsSchema,
  ReturnExportQuerySchema,
  ReturnFilterQuerySchema,
  RuleTestBodySchema,
  RuleTestResultSchema,
  SessionSchema,
  SessionUserPatchBodySchema,
  UploadBodySchema,
  UploadSchema,
  UserCreateBodySchema,
  UserCreatedSchema,
  UserPatchBodySchema,
  UserSchema,
} from './backoffice.ts';
import type {
  CarrierAccountConnectBodySchema,
  CarrierAccountDeletedSchema,
  CarrierAccountListSchema,
  CarrierAccountSchema,
  CarrierAccountTestSchema,
  CarrierAccountUpdateBodySchema,
  CarrierCredentialsBodySchema,
  CarrierServiceListSchema,
} from './carrier-accounts.ts';
import type { PageQuerySchema } from './common.ts';
import type {
  AddressInputSchema,
  AddressPatchSchema,
  AddressSchema,
  ApiKeyInputSchema,
  ApiKeySchema,
  BrandInputSchema,
  BrandPatchSchema,
  BrandSchema,
  PortalCreateSchema,
  PortalPatchSchema,
  PortalSchema,
  ShippingRuleInputSchema,
  ShippingRulePatchSchema,
  ShippingRuleSchema,
} from './config.ts';
import type {
  EmailListQuerySchema,
  EmailListSchema,
  EmailPreviewInputSchema,
  EmailPreviewSchema,
  EmailTemplateInputSchema,
  EmailTemplateListSchema,
  EmailTemplateSchema,
} from './emails.ts';
import type { DeepLinkInputSchema, DeepLinkSchema, LinkSecretSchema } from './config.ts';
import type { CsvImportQuerySchema, ImportRunListSchema, ImportRunSchema } from './imports.ts';
import type { IntegrationDisconnectedSchema, IntegrationListSchema, IntegrationSchema } from './integrations.ts';
import type { JobListQuerySchema, JobListSchema, JobSchema } from './jobs.ts';
import type { OrderListQuerySchema, OrderSchema, OrderWithReturnsSchema } from './orders.ts';
import type { MollieAccountBodySchema, PaymentAccountDeletedSchema, PaymentAccountSchema } from './payments.ts';
import type {
  CarrierListSchema,
  EmptyBodySchema,
  ManualReturnBodySchema,
  MerchantReturnSchema,
  NoteBodySchema,
  ReasonBodySchema,
  ReceiveBodySchema,
  RefundBodySchema,
  ReplacementBodySchema,
  StoreCreditBodySchema,
} from './returns.ts';
import type {
  ReturnRuleSetBodySchema,
  ReturnRuleSetSchema,
  RuleActionsSchema,
  RuleOperatorsSchema,
  RulePropertiesSchema,
  SimulateBodySchema,
  SimulationSchema,
} from './return-rules.ts';
import type { ShopifyBackfillResultSchema, ShopifyConnectSchema, ShopifyUpdateSchema } from './shopify.ts';
import type {
  WebhookDeliveryPageSchema,
  WebhookDeliveryQuerySchema,
  WebhookDeliverySchema,
  WebhookInputSchema,
  WebhookListSchema,
  WebhookPatchSchema,
  WebhookSchema,
} from './webhooks.ts';
import type { WooBackfillResultSchema, WooConnectBodySchema, WooUpdateBodySchema } from './woocommerce.ts';

/** What a client sends (before defaults and coercion) and what it gets back (after them). */
type In<S extends z.ZodType> = z.input<S>;
type Out<S extends z.ZodType> = z.output<S>;
type Page<S extends z.ZodType> = { data: Out<S>[]; nextCursor: string | null };

/** One route: its query string, its JSON body (or a raw file, for uploads as they are) and its answer. */
export type RouteSpec = { query?: object; body?: unknown; response: unknown };

type Crud<P extends string, View extends z.ZodType, Create extends z.ZodType, Patch extends z.ZodType> = {
  [K in `GET /api/v1/${P}`]: { query: In<typeof PageQuerySchema>; response: Page<View> };
} & { [K in `GET /api/v1/${P}/:id`]: { response: Out<View> } } & {
  [K in `POST /api/v1/${P}`]: { body: In<Create>; response: Out<View> };
} & { [K in `PATCH /api/v1/${P}/:id`]: { body: In<Patch>; response: Out<View> } } & {
  [K in `DELETE /api/v1/${P}/:id`]: { response: undefined };
};

type Action<P extends string, Body extends z.ZodType> = {
  [K in `POST /api/v1/returns/:id/${P}`]: { body: In<Body>; response: Out<typeof MerchantReturnSchema> };
};

type SessionRoutes = {
  'POST /api/session': { body: In<typeof LoginBodySchema>; response: Out<typeof SessionSchema> };
  'GET /api/session': { response: Out<typeof SessionSchema> };
  'DELETE /api/session': { response: undefined };
  'PATCH /api/session/user': { body: In<typeof SessionUserPatchBodySchema>; response: Out<typeof SessionSchema> };
  'POST /api/session/password': { body: In<typeof PasswordChangeBodySchema>; response: undefined };
};

type ReturnRoutes = {
  'GET /api/v1/returns': { query: In<typeof ReturnFilterQuerySchema>; response: Page<typeof MerchantReturnSchema> };
  'GET /api/v1/returns/:id': { response: Out<typeof MerchantReturnSchema> };
  'POST /api/v1/returns': { body: In<typeof ManualReturnBodySchema>; response: Out<typeof MerchantReturnSchema> };
  /** A CSV download (text/csv), linked to rather than fetched. */
  'GET /api/v1/returns/export.csv': { query: In<typeof ReturnExportQuerySchema>; response: string };
  'GET /api/v1/returns/counts': { query: In<typeof ReturnCountsQuerySchema>; response: Out<typeof ReturnCountsSchema> };
  'POST /api/v1/returns/bulk': { body: In<typeof BulkBodySchema>; response: Out<typeof BulkResultSchema> };
  'GET /api/v1/orders': { query: In<typeof OrderListQuerySchema>; response: Page<typeof OrderSchema> };
  'GET /api/v1/orders/:id': { response: Out<typeof OrderWithReturnsSchema> };
  'GET /api/v1/insights': { query: In<typeof InsightsQuerySchema>; response: Out<typeof InsightsSchema> };
  'GET /api/v1/carriers': { response: Out<typeof CarrierListSchema> };
  'GET /api/v1/emails': { query: In<typeof EmailListQuerySchema>; response: Out<typeof EmailListSchema> };
} & Action<'approve' | 'resolve' | 'resend-label', typeof EmptyBodySchema> &
  Action<'reject' | 'cancel', typeof ReasonBodySchema> &
  Action<'receive', typeof ReceiveBodySchema> &
  Action<'notes', typeof NoteBodySchema> &
  Action<'refunds', typeof RefundBodySchema> &
  Action<'store-credits', typeof StoreCreditBodySchema> &
  Action<'replacements', typeof ReplacementBodySchema>;

type AccessRoutes = {
  'GET /api/v1/users': { response: Page<typeof UserSchema> };
  'POST /api/v1/users': { body: In<typeof UserCreateBodySchema>; response: Out<typeof UserCreatedSchema> };
  'PATCH /api/v1/users/:id': { body: In<typeof UserPatchBodySchema>; response: Out<typeof UserSchema> };
  'DELETE /api/v1/users/:id': { response: undefined };
  'GET /api/v1/api-keys': { response: Page<typeof ApiKeySchema> };
  'POST /api/v1/api-keys': { body: In<typeof ApiKeyInputSchema>; response: Out<typeof ApiKeySchema> };
  'DELETE /api/v1/api-keys/:id': { response: undefined };
  'POST /api/v1/uploads': { body: In<typeof UploadBodySchema>; response: Out<typeof UploadSchema> };
};

type SettingsRoutes = Crud<'brands', typeof BrandSchema, typeof BrandInputSchema, typeof BrandPatchSchema> &
  Crud<'addresses', typeof AddressSchema, typeof AddressInputSchema, typeof AddressPatchSchema> &
  Crud<'portals', typeof PortalSchema, typeof PortalCreateSchema, typeof PortalPatchSchema> &
  Crud<'shipping-rules', typeof ShippingRuleSchema, typeof ShippingRuleInputSchema, typeof ShippingRulePatchSchema> & {
    'POST /api/v1/shipping-rules/test': { body: In<typeof RuleTestBodySchema>; response: Out<typeof RuleTestResultSchema> };
    'GET /api/v1/webhooks': { response: Out<typeof WebhookListSchema> };
    'POST /api/v1/webhooks': { body: In<typeof WebhookInputSchema>; response: Out<typeof WebhookSchema> };
    'PATCH /api/v1/webhooks/:id': { body: In<typeof WebhookPatchSchema>; response: Out<typeof WebhookSchema> };
    'DELETE /api/v1/webhooks/:id': { response: undefined };
    'POST /api/v1/webhooks/:id/rotate-secret': { response: Out<typeof WebhookSchema> };
    'POST /api/v1/webhooks/:id/test': { response: Out<typeof WebhookDeliverySchema> };
    'GET /api/v1/webhooks/:id/deliveries': {
      query: In<typeof WebhookDeliveryQuerySchema>;
      response: Out<typeof WebhookDeliveryPageSchema>;
    };
    'POST /api/v1/webhooks/:id/deliveries/:deliveryId/replay': { response: Out<typeof WebhookDeliverySchema> };
    'GET /api/v1/email-templates': { response: Out<typeof EmailTemplateListSchema> };
    'PUT /api/v1/email-templates/:template/:language': {
      body: In<typeof EmailTemplateInputSchema>;
      response: Out<typeof EmailTemplateSchema>;
    };
    'DELETE /api/v1/email-templates/:template/:language': { response: Out<typeof EmailTemplateSchema> };
    'POST /api/v1/email-templates/:template/:language/preview': {
      body: In<typeof EmailPreviewInputSchema>;
      response: Out<typeof EmailPreviewSchema>;
    };
    'GET /api/v1/jobs': { query: In<typeof JobListQuerySchema>; response: Out<typeof JobListSchema> };
    'POST /api/v1/jobs/:id/retry': { response: Out<typeof JobSchema> };
    'GET /api/v1/payment-accounts/mollie': { response: Out<typeof PaymentAccountSchema> };
    'PUT /api/v1/payment-accounts/mollie': { body: In<typeof MollieAccountBodySchema>; response: Out<typeof PaymentAccountSchema> };
    'DELETE /api/v1/payment-accounts/mollie': { response: Out<typeof PaymentAccountDeletedSchema> };
  };

type IntegrationRoutes = {
  'GET /api/v1/imports': { response: Out<typeof ImportRunListSchema> };
  'GET /api/v1/imports/:id': { response: Out<typeof ImportRunSchema> };
  /** The body is the CSV file itself (text/csv), not JSON. */
  'POST /api/v1/imports': { query: In<typeof CsvImportQuerySchema>; body: Blob; response: Out<typeof ImportRunSchema> };
  'GET /api/v1/integrations': { response: Out<typeof IntegrationListSchema> };
  'DELETE /api/v1/integrations/:id': { response: Out<typeof IntegrationDisconnectedSchema> };
  'POST /api/v1/integrations/shopify': { body: In<typeof ShopifyConnectSchema>; response: Out<typeof IntegrationSchema> };
  'PATCH /api/v1/integrations/shopify/:id': { body: In<typeof ShopifyUpdateSchema>; response: Out<typeof IntegrationSchema> };
  'POST /api/v1/integrations/shopify/:id/backfill': { response: Out<typeof ShopifyBackfillResultSchema> };
  'POST /api/v1/integrations/woocommerce': { body: In<typeof WooConnectBodySchema>; response: Out<typeof IntegrationSchema> };
  'PATCH /api/v1/integrations/woocommerce/:id': { body: In<typeof WooUpdateBodySchema>; response: Out<typeof IntegrationSchema> };
  'POST /api/v1/integrations/woocommerce/:id/backfill': { response: Out<typeof WooBackfillResultSchema> };
  'GET /api/v1/carrier-accounts': { response: Out<typeof CarrierAccountListSchema> };
  'POST /api/v1/carrier-accounts': { body: In<typeof CarrierAccountConnectBodySchema>; response: Out<typeof CarrierAccountSchema> };
  'PATCH /api/v1/carrier-accounts/:id': {
    body: In<typeof CarrierAccountUpdateBodySchema>;
    response: Out<typeof CarrierAccountSchema>;
  };
  'DELETE /api/v1/carrier-accounts/:id': { response: Out<typeof CarrierAccountDeletedSchema> };
  'POST /api/v1/carrier-accounts/:id/test': { response: Out<typeof CarrierAccountTestSchema> };
  'PUT /api/v1/carrier-accounts/:id/credentials': {
    body: In<typeof CarrierCredentialsBodySchema>;
    response: Out<typeof CarrierAccountSchema>;
  };
  'GET /api/v1/carrier-accounts/:id/services': { response: Out<typeof CarrierServiceListSchema> };
};

type DeepLinkRoutes = {
  'POST /api/v1/portals/:id/link-secret': { response: Out<typeof LinkSecretSchema> };
  'DELETE /api/v1/portals/:id/link-secret': { response: undefined };
  'POST /api/v1/portals/:id/deep-links': { body: In<typeof DeepLinkInputSchema>; response: Out<typeof DeepLinkSchema> };
};

type RuleRoutes = {
  'GET /api/v1/return-rules': { response: Out<typeof ReturnRuleSetSchema> };
  'PUT /api/v1/return-rules': { body: In<typeof ReturnRuleSetBodySchema>; response: Out<typeof ReturnRuleSetSchema> };
  'GET /api/v1/return-rules/properties': { response: Out<typeof RulePropertiesSchema> };
  'GET /api/v1/return-rules/operators': { response: Out<typeof RuleOperatorsSchema> };
  'GET /api/v1/return-rules/actions': { response: Out<typeof RuleActionsSchema> };
  'POST /api/v1/return-rules/simulate': { body: In<typeof SimulateBodySchema>; response: Out<typeof SimulationSchema> };
};

/** Every route the back office calls. */
export type BackofficeRoutes = SessionRoutes &
  ReturnRoutes &
  AccessRoutes &
  SettingsRoutes &
  IntegrationRoutes &
  RuleRoutes &
  DeepLinkRoutes;
export type BackofficeRoute = keyof BackofficeRoutes & string;
/** The answer of a route, e.g. `Answer<'GET /api/v1/returns/:id'>`. */
export type Answer<R extends BackofficeRoute> = BackofficeRoutes[R]['response'];
/** The JSON body a route takes. */
export type BodyOf<R extends BackofficeRoute> = BackofficeRoutes[R] extends { body: infer B } ? B : never;
