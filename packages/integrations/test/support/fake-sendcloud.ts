// A local Sendcloud API v3 (127.0.0.1, port 0) enforcing the published references:
// - auth: HTTP Basic public:secret (securitySchemes.HTTPBasicAuth of every v3 OpenAPI); anything
//   else → 401 JSON:API `{errors:[{status,code:"authentication_failed",detail}]}` (ErrorObject enum).
// - Returns: api-evangelist/sendcloud openapi/_original/sendcloud-v3-returns-openapi.yml.
//   `POST /returns/announce-synchronously`: required from_address, to_address, ship_with, weight;
//   address required name, address_line_1, postal_code, city, country_code; ship_with.type enum
//   (shipping_option_code needs shipping_option_code); weight {value>0, unit ∈ kg|g|lbs|oz};
//   delivery_option enum; collo_count ≥ 1; errors as components/responses/400
//   `{error:{code,request,message}}`, including "External reference has already been used in
//   another return." for a second `external_reference` (the spec's own message; the code
//   `invalid` is ours: the spec gives no code for it). 201 `{return_id, parcel_id, multi_collo_ids}`.
//   `GET /returns` (from_date and to_date required, page_size 1–40, cursor pages with absolute
//   `next`), `GET /returns/{id}` (Return; `id` included as the spec's prose says the list gives
//   return ids), `PATCH /returns/{id}/cancel` → 202 `{message}`, 404, 409
//   `{errors:[{field:"returns",code:409,message:"Return is not cancellable."}]}` once scanned.
// - Documents: sendcloud-v3-parcel-documents-openapi.yml — type ∈ label|customs-declaration|
//   air-waybill, Accept ∈ application/pdf|application/zpl|image/png, paper_size ∈ A4|A5|A6, dpi
//   (pdf: 72; png: 150|300); 400/404 JSON:API errors.
// - Shipping options: toppynl/sendcloud-php-client docs/Api/ShippingOptionsApi.md + docs/Model/
//   ShippingOptionFilter.md, ShippingOption.md (`{data:[…]}`, quotes only with calculate_quotes and
//   both countries).
// - Pickups: docs/Api/PickupsApi.md, docs/Model/BasePickupRequest.md (carrier_code and address required).
// - User: docs/Api/UserApi.md `GET /user/auth/metadata` → `{data:{user_id, integration_id}}`.
// - Service points: sendcloud-v3-service-points-openapi.yml — country_code required, exactly one of
//   carrier_code / use_integration_carriers, general_shop_type enum, limit 1–200, results with
//   opening_times and distance (m); 400 JSON:API errors with source.parameter.
// - Webhooks: sendcloud-v2-webhooks-openapi.yml — `parcel_status_changed`, `Sendcloud-Signature` =
//   hex HMAC-SHA256 of the raw body keyed with the secret key.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { labellessQrPng, labelPdf, labelPng, labelZpl } from './fake-sendcloud-labels.ts';
import { type FakePoint, searchPoints } from './fake-sendcloud-points.ts';
import { checkCreateReturn, checkPickup, type FakeOption, jsonApi } from './fake-sendcloud-validate.ts';
import { send, sendBytes } from './fake-http.ts';

export type { FakeOption } from './fake-sendcloud-validate.ts';

type StoredReturn = Record<string, unknown> & {
  id: number;
  parcelId: number;
  externalReference: string | null;
  tracking_number: string;
  status_history: Record<string, string>[];
  is_cancellable: boolean;
  cancelled: boolean;
};
type Scripted = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';
export type Received = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: any };

export class FakeSendcloud {
  publicKey = 'pk-test';
  secretKey = 'sk-test';
  readonly received: Received[] = [];
  readonly returns = new Map<number, StoredReturn>();
  readonly pickups: Record<string, unknown>[] = [];
  /** Postal codes the carrier refuses at announcement. */
  readonly refusedPostalCodes = new Set<string>(['0000 XX']);
  options: FakeOption[] = [
    { code: 'postnl:standard/return', name: 'PostNL Return', carrier: 'postnl', labelless: true, firstMile: 'dropoff', price: '5.95' },
    {
      code: 'dhl:return/pickup',
      name: 'DHL Return Pickup',
      carrier: 'dhl',
      labelless: false,
      firstMile: 'pickup',
      price: '8.50',
      phoneRequired: true,
    },
    { code: 'dpd:return/return', name: 'DPD Return', carrier: 'dpd', labelless: false, firstMile: 'pickup_dropoff', price: '6.40' },
  ];
  points: FakePoint[] = [];
  /** The most returns one page of `GET /returns` holds (the spec's maximum is 40). */
  pageSize = 40;
  /** While true, labels are not made yet: documents answer 404 as the spec says for a missing document. */
  labelsPending = false;
  /** Paths (e.g. `/returns/announce-synchronously`) whose next call is carried out, then the connection drops before the answer. */
  readonly dropAnswer = new Set<string>();
  private nextId = 1000;
  private scripted: Scripted[] = [];
  private server: Server | null = null;
  private hanging = new Set<ServerResponse>();
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v3`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next answer(s), whatever the request. */
  script(...answers: Scripted[]): void {
    this.scripted.push(...answers);
  }

  /** A carrier scan: appends to the return's status history; a scanned parcel cannot be cancelled. */
  scan(returnId: number, parentStatus: string, at: string, carrierMessage = ''): void {
    const ret = this.returns.get(returnId);
    if (!ret) throw new Error(`no return ${returnId}`);
    ret.status_history.push({
      carrier_update_timestamp: at,
      parcel_status_history_id: String(ret.status_history.length + 1),
      parent_status: parentStatus,
      carrier_code: parentStatus,
      carrier_message: carrierMessage,
    });
    ret.is_cancellable = false;
  }

  /** A `parcel_status_changed` webhook as Sendcloud sends it, signed with `secret`. */
  webhook(trackingNumber: string, status: { id: number; message: string }, timestamp: number, secret = this.secretKey) {
    const rawBody = Buffer.from(
      JSON.stringify({
        action: 'parcel_status_changed',
        timestamp,
        carrier_status_change_timestamp: timestamp,
        parcel: {
          id: 1,
          tracking_number: trackingNumber,
          status,
          name: 'Shopper',
          country: { iso_2: 'NL', iso_3: 'NLD', name: 'Netherlands' },
        },
      }),
    );
    return {
      rawBody,
      headers: { 'sendcloud-signature': createHmac('sha256', secret).update(rawBody).digest('hex'), 'content-type': 'application/json' },
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      return send(res, 400, { errors: [{ status: '400', code: 'invalid', detail: 'JSON parse error.' }] });
    }
    this.received.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body });
    const scripted = this.scripted.shift();
    if (scripted === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (scripted) return send(res, scripted.status, scripted.body ?? null, scripted.headers);
    const expected = `Basic ${Buffer.from(`${this.publicKey}:${this.secretKey}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      return send(res, 401, { errors: [{ status: '401', code: 'authentication_failed', detail: 'Invalid username/password.' }] });
    }
    const path = url.pathname.replace(/^\/api\/v3/, '');
    const method = req.method ?? 'GET';
    if (this.dropAnswer.delete(path)) {
      res.writeHead = (() => res) as unknown as ServerResponse['writeHead'];
      res.end = (() => {
        res.socket?.destroy();
        return res;
      }) as unknown as ServerResponse['end'];
    }
    const returnMatch = /^\/returns\/(\d+)$/.exec(path);
    const cancelMatch = /^\/returns\/(\d+)\/cancel$/.exec(path);
    const documentMatch = /^\/parcels\/(\d+)\/documents\/([^/]+)$/.exec(path);
    if (method === 'GET' && path === '/user/auth/metadata') return send(res, 200, { data: { user_id: 4242, integration_id: 77 } });
    if (method === 'POST' && path === '/shipping-options') return this.shippingOptions(res, body);
    if (method === 'POST' && path === '/returns/announce-synchronously') return this.createReturn(res, body);
    if (method === 'GET' && path === '/returns') return this.listReturns(res, url);
    if (method === 'GET' && returnMatch) {
      const ret = this.returns.get(Number(returnMatch[1]));
      return ret ? send(res, 200, this.view(ret)) : send(res, 404, null);
    }
    if (method === 'PATCH' && cancelMatch) return this.cancel(res, Number(cancelMatch[1]));
    if (method === 'GET' && documentMatch) {
      return this.document(res, Number(documentMatch[1]), documentMatch[2] ?? '', url, req.headers.accept);
    }
    if (method === 'POST' && path === '/pickups') return this.createPickup(res, body);
    if (method === 'GET' && path === '/service-points') {
      const result = searchPoints(this.points, url.searchParams);
      return 'errors' in result ? send(res, 400, result) : send(res, 200, { data: { results: result.results, geocoding: null } });
    }
    send(res, 404, { errors: [{ status: '404', code: 'not_found', detail: 'Not found.' }] });
  }

  private shippingOptions(res: ServerResponse, body: any) {
    if (body !== null && (typeof body !== 'object' || Array.isArray(body)))
      return send(res, 400, jsonApi('invalid', 'Expected an object.', '/'));
    for (const key of ['from_country_code', 'to_country_code']) {
      if (body?.[key] !== undefined && !/^[A-Z]{2}$/.test(body[key]))
        return send(res, 400, jsonApi('invalid', 'Not a valid country code.', `/${key}`));
    }
    if (body?.calculate_quotes !== undefined && typeof body.calculate_quotes !== 'boolean')
      return send(res, 400, jsonApi('invalid', 'Must be a boolean.', '/calculate_quotes'));
    const quotes = body?.calculate_quotes === true && body.from_country_code && body.to_country_code;
    const wantReturns = body?.functionalities?.returns;
    const data = this.options
      .filter(() => wantReturns !== false)
      .map((option) => ({
        code: option.code,
        name: option.name,
        carrier: { code: option.carrier, name: option.carrier.toUpperCase() },
        product: { code: option.code.split('/')[0], name: option.name },
        functionalities: {
          returns: true,
          labelless: option.labelless,
          first_mile: option.firstMile,
          pick_up: option.firstMile !== 'dropoff',
        },
        requirements: {
          fields: option.phoneRequired ? ['from_address.phone_number'] : [],
          export_documents: false,
          is_service_point_required: false,
        },
        charging_type: 'first_scan',
        quotes: quotes ? [{ price: { total: { value: option.price, currency: 'EUR' }, breakdown: [] }, lead_time: 24 }] : null,
      }));
    send(res, 200, { data });
  }

  private createReturn(res: ServerResponse, body: any) {
    const checked = checkCreateReturn(body, this.options);
    const refuse = (code: string, message: string) =>
      send(res, 400, { error: { code, request: 'api/v3/returns/announce-synchronously', message } });
    if ('code' in checked) return refuse(checked.code, checked.message);
    const { option, delivery } = checked;
    const reference = typeof body.external_reference === 'string' ? body.external_reference : null;
    if (reference !== null && [...this.returns.values()].some((ret) => ret.externalReference === reference)) {
      return refuse('invalid', 'External reference has already been used in another return.');
    }
    if (this.refusedPostalCodes.has(body.from_address.postal_code)) {
      return refuse('invalid_postal_code', 'The postal code you provided is invalid.');
    }
    const id = this.nextId++;
    const parcelId = id + 50_000;
    const trackingNumber = `3SSEND${String(id).padStart(9, '0')}`;
    const labelUrl = `https://panel.sendcloud.sc/api/v3/parcels/${parcelId}/documents/label`;
    this.returns.set(id, {
      id,
      parcelId,
      externalReference: reference,
      cancelled: false,
      from_address: body.from_address,
      to_address: body.to_address,
      shipping_product: { code: option.code },
      shipping_option: { code: option.code },
      weight: body.weight,
      collo_count: body.collo_count ?? 1,
      parcel_items: body.parcel_items ?? [],
      send_tracking_emails: body.send_tracking_emails ?? false,
      label_url: labelUrl,
      label: { label_printer: labelUrl, normal_printer: Array(4).fill(`${labelUrl}?paper_size=a4`) },
      label_cost: { value: Number(option.price), currency: 'EUR' },
      tracking_number: trackingNumber,
      tracking_url: `https://tracking.eu-central-1-0.sendcloud.sc/forward?carrier=${option.carrier}&code=${trackingNumber}`,
      is_cancellable: true,
      status_history: [
        {
          carrier_update_timestamp: new Date(Date.UTC(2026, 11, 1, 9)).toISOString(),
          parcel_status_history_id: '1',
          parent_status: 'Announced',
          carrier_code: '',
          carrier_message: '',
        },
      ],
      created_at: new Date(Date.UTC(2026, 11, 1, 9, 0, id - 1000)).toISOString(),
      order_number: body.order_number ?? '',
      delivery_option: delivery,
      status: 'open',
      errors: [],
    });
    send(res, 201, { return_id: id, parcel_id: parcelId, multi_collo_ids: [] });
  }

  private view(ret: StoredReturn): Record<string, unknown> {
    const { parcelId: _parcel, externalReference: _reference, cancelled: _cancelled, ...rest } = ret;
    return rest;
  }

  private listReturns(res: ServerResponse, url: URL) {
    const query = url.searchParams;
    // A cursor (as in the spec's `next` example, which carries only cursor and page_size) holds
    // the position and the date window of the first request.
    let window: { start: number; from: string; to: string } | null = null;
    const cursor = query.get('cursor');
    if (cursor) {
      try {
        window = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        return send(res, 404, { errors: [{ detail: 'Invalid cursor', status: '404', code: 'not_found' }] });
      }
    } else {
      for (const key of ['from_date', 'to_date']) {
        if (!query.get(key)) return send(res, 400, { errors: [{ field: key, code: 'required', message: 'This field is required.' }] });
      }
      window = { start: 0, from: query.get('from_date') ?? '', to: query.get('to_date') ?? '' };
    }
    const from = Date.parse(`${window?.from.replace(' ', 'T')}Z`);
    const to = Date.parse(`${window?.to.replace(' ', 'T')}Z`);
    if (!window || Number.isNaN(from) || Number.isNaN(to))
      return send(res, 400, { errors: [{ field: 'from_date', code: 'invalid', message: 'Enter a valid date/time.' }] });
    const asked = Number(query.get('page_size') ?? 40);
    if (!Number.isInteger(asked) || asked < 1 || asked > 40)
      return send(res, 400, { errors: [{ field: 'page_size', code: 'invalid', message: 'Ensure 1 <= page_size <= 40.' }] });
    // `pageSize` is the server's own cap (tests lower it to make several pages).
    const size = Math.min(asked, this.pageSize);
    const all = [...this.returns.values()].filter((ret) => {
      const at = Date.parse(String(ret.created_at));
      return at >= from && at <= to;
    });
    const page = all.slice(window.start, window.start + size);
    let next: string | null = null;
    if (window.start + size < all.length) {
      const link = new URL(`${this.baseUrl}/returns`);
      link.searchParams.set('cursor', Buffer.from(JSON.stringify({ ...window, start: window.start + size })).toString('base64url'));
      link.searchParams.set('page_size', String(asked));
      next = link.href;
    }
    send(res, 200, { next, previous: null, data: page.map((ret) => this.view(ret)) });
  }

  private cancel(res: ServerResponse, id: number) {
    const ret = this.returns.get(id);
    if (!ret) return send(res, 404, null);
    if (!ret.is_cancellable || ret.cancelled)
      return send(res, 409, { errors: [{ field: 'returns', code: 409, message: 'Return is not cancellable.' }] });
    ret.cancelled = true;
    ret.is_cancellable = false;
    ret.status_history.push({
      carrier_update_timestamp: new Date().toISOString(),
      parcel_status_history_id: 'c',
      parent_status: 'Cancellation requested',
      carrier_code: '',
      carrier_message: '',
    });
    send(res, 202, { message: 'Cancellation requested successfully' });
  }

  private async document(res: ServerResponse, parcelId: number, type: string, url: URL, accept: string | undefined) {
    if (!['label', 'customs-declaration', 'air-waybill'].includes(type))
      return send(res, 400, { errors: [{ code: 'invalid', status: '400', detail: 'Invalid document type.' }] });
    const mime = accept && accept !== '*/*' ? accept : 'application/pdf';
    if (!['application/pdf', 'application/zpl', 'image/png'].includes(mime))
      return send(res, 400, { errors: [{ code: 'invalid', status: '400', detail: `Unsupported Accept "${mime}".` }] });
    const paper = url.searchParams.get('paper_size') ?? 'A6';
    if (!['A4', 'A5', 'A6'].includes(paper))
      return send(res, 400, {
        errors: [{ code: 'invalid_choice', status: '400', detail: 'Invalid paper size.', source: { parameter: 'paper_size' } }],
      });
    const dpi = Number(url.searchParams.get('dpi') ?? (mime === 'image/png' ? 300 : 72));
    const validDpi = mime === 'image/png' ? [150, 300] : mime === 'application/pdf' ? [72] : [72, 150, 203, 300, 600];
    if (!validDpi.includes(dpi))
      return send(res, 400, { errors: [{ code: 'invalid_choice', status: '400', detail: 'Invalid dpi.', source: { parameter: 'dpi' } }] });
    const ret = [...this.returns.values()].find((candidate) => candidate.parcelId === parcelId);
    if (!ret || type !== 'label' || this.labelsPending)
      return send(res, 404, { errors: [{ code: 'not_found', status: '404', detail: 'No Parcel matches the given query.' }] });
    const from = ret.from_address as Record<string, string>;
    const to = ret.to_address as Record<string, string>;
    const parcel = {
      trackingNumber: ret.tracking_number,
      carrier: String((ret.shipping_option as { code: string }).code.split(':')[0]),
      fromName: from.name ?? '',
      toName: to.name ?? '',
      toCity: to.city ?? '',
    };
    if (ret.delivery_option === 'drop_off_labelless') return sendBytes(res, 'image/png', await labellessQrPng(parcel));
    if (mime === 'application/zpl') return sendBytes(res, 'application/zpl', labelZpl(parcel));
    if (mime === 'image/png') return sendBytes(res, 'image/png', await labelPng(parcel, dpi));
    sendBytes(res, 'application/pdf', await labelPdf(parcel, paper as 'A4' | 'A5' | 'A6'));
  }

  private createPickup(res: ServerResponse, body: any) {
    const refused = checkPickup(body);
    if (refused) return send(res, 400, refused);
    const pickup = {
      id: 9000 + this.pickups.length,
      ...body,
      status: 'ANNOUNCING',
      created_at: new Date().toISOString(),
      cancelled_at: null,
    };
    this.pickups.push(pickup);
    send(res, 201, { data: pickup });
  }
}
