// A local server that answers like DHL Parcel's API gateway (https://api-gw.dhlparcel.nl) for the
// calls Retour makes. Rules and where they come from:
// - `POST /authenticate/api-key` {userId (uuid), key} → {accessToken (JWT), accessTokenExpiration,
//   refreshToken, refreshTokenExpiration (epoch s), accountNumbers}; `POST /authenticate/refresh-token`
//   {refreshToken}: dhlparcel/dhl-api-wrapper src/Dhl/resources/generated/apiKey.php, refreshToken.php;
//   shipcore-nl/dhlparcel-api-php src/Entity/Authenticate/Response/Token.php; accountNumbers:
//   dhlparcel/plugin-magento2-release Model/Api/Connector.php (testAuthenticate).
// - Bearer token required on /labels, /labels/{uuid}, /capabilities/{senderType}; not on the parcel
//   shop finder or track & trace: dhl-api-wrapper src/Dhl/Middleware/AuthMiddleware.php.
// - Errors are JSON `{ message }`: mvdnbrk/dhlparcel-php-api src/Exceptions/DhlParcelException.php;
//   a non-uuid label id → 400 "Could not parse id from '…'": its tests/Feature/Endpoints/LabelsTest.php.
// - `GET /capabilities/{business|consumer|parcelShop}` (fromCountry, toCountry, returnProduct,
//   parcelType, accountNumber …): dhl-api-wrapper generated/capabilities.php; answer shape: see the data file.
// - `POST /labels` LabelSpecification (required labelId uuid, parcelTypeKey, receiver{name,address},
//   shipper{name,address}, accountId; labelFormat pdf|zpl|both|neither; options keys from the
//   capabilities; returnLabel boolean; weight 0–1000 kg): dhl-api-wrapper generated/createLabel.php.
//   Answer {labelId, labelType, trackerCode, routingCode, userId, organizationId, orderReference,
//   pdf (base64), zpl}: plugin Model/Data/Api/Response/Label.php, shipcore Entity/Labels/Response/Label.php.
// - `GET /labels/{id}` JSON, or the PDF itself with `Accept: application/pdf`
//   (mvdnbrk src/Endpoints/Labels.php); `GET /labels?orderReferenceFilter=&trackerCodeFilter=` (generated/findLabels.php).
// - `GET /parcel-shop-locations/{country}` (zipCode | latitude+longitude+radius, limit, showUnavailable)
//   and `GET /track-trace?key=a,b` (barcode[+postalcode], comma separated; unknown barcodes left
//   out, none known → 404 text): dhl-api-wrapper generated/findParcelShopLocations.php,
//   getTrackAndTrace.php and examples/*.php.
// Not in any reference, so the fake's own choice (the adapter never relies on them): the wording of
// validation messages (they name the JSON path of the refused field), 409 for a labelId already
// used (the adapter looks a label up by id before creating it), 403 for an accountId the key may not use.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { haversineMeters } from '../../src/service-points/port.ts';
import { addresseeErrors, capabilityRows, labelPdf, labelZpl, POSTAL_CODE_CENTRES, SHOPS } from './fake-dhl-parcel-data.ts';
import { send } from './fake-http.ts';

export type DhlRequest = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: any };
type Scripted = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';
export type StoredLabel = {
  labelId: string;
  labelType: string;
  trackerCode: string;
  routingCode: string;
  userId: string;
  organizationId: string;
  orderReference?: string;
  accountId: string;
  returnLabel: boolean;
  request: any;
  pdf: Buffer;
  zpl: string;
  format: string;
};
export type DhlEvent = { category: string; status: string; timestamp: string; localTimestamp?: string; type: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LABEL_FORMATS = ['pdf', 'zpl', 'both', 'neither'];
const SENDER_TYPES = ['business', 'consumer', 'parcelShop'];

export class FakeDhlParcel {
  readonly received: DhlRequest[] = [];
  readonly labels = new Map<string, StoredLabel>();
  readonly events = new Map<string, DhlEvent[]>();
  users = new Map([['7c9e6679-7425-40de-944b-e07fc1f90ae7', { key: 'key-1', accounts: ['08500001'], organizationId: randomUUID() }]]);
  accessTtlS = 900;
  private tokens = new Map<string, { userId: string; exp: number }>();
  private refreshTokens = new Map<string, { userId: string; exp: number }>();
  private scripted: { prefix: string; answer: Scripted }[] = [];
  private hanging: ServerResponse[] = [];
  private server: Server;
  private serial = 97601656522;
  origin = '';

  constructor() {
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next request whose path starts with `prefix` gets this answer instead (once). */
  failNext(prefix: string, answer: Scripted): void {
    this.scripted.push({ prefix, answer });
  }

  /** Every access token issued so far stops working (as after DHL's expiry), refresh tokens stay valid. */
  revokeAccessTokens(): void {
    this.tokens.clear();
  }

  /** DHL scans the parcel: events are appended, oldest first. */
  scan(trackerCode: string, ...events: DhlEvent[]): void {
    this.events.set(trackerCode, [...(this.events.get(trackerCode) ?? []), ...events]);
  }

  calls(method: string, prefix: string): DhlRequest[] {
    return this.received.filter((r) => r.method === method && r.path.startsWith(prefix));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, 400, { message: 'Malformed JSON request body' });
      }
    }
    const request: DhlRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
    this.received.push(request);
    const scripted = this.scripted.findIndex((s) => url.pathname.startsWith(s.prefix));
    if (scripted >= 0) {
      const answer = this.scripted.splice(scripted, 1)[0]?.answer as Scripted;
      if (answer === 'hang') {
        this.hanging.push(res);
        return;
      }
      return send(res, answer.status, answer.body ?? { message: 'Scripted failure' }, answer.headers);
    }
    try {
      await this.route(request, res);
    } catch (error) {
      send(res, 500, { message: (error as Error).message });
    }
  }

  private async route(r: DhlRequest, res: ServerResponse): Promise<void> {
    const { method, path } = r;
    if (method === 'POST' && path === '/authenticate/api-key') return this.apiKey(r, res);
    if (method === 'POST' && path === '/authenticate/refresh-token') return this.refresh(r, res);
    if (method === 'GET' && path.startsWith('/parcel-shop-locations/')) return this.parcelShops(r, res);
    if (method === 'GET' && path === '/track-trace') return this.trackTrace(r, res);
    const needsToken = path === '/labels' || path.startsWith('/labels/') || path.startsWith('/capabilities/');
    if (!needsToken) return send(res, 404, { message: `No route for ${method} ${path}` });
    const user = this.bearer(r);
    if (!user) return send(res, 401, { message: 'Unauthorized: missing, invalid or expired access token' });
    if (method === 'GET' && path.startsWith('/capabilities/')) return this.capabilities(r, res, user);
    if (method === 'POST' && path === '/labels') return this.createLabel(r, res, user);
    if (method === 'GET' && path === '/labels') return this.findLabels(r, res, user);
    if (method === 'GET' && path.startsWith('/labels/')) return this.getLabel(r, res, user);
    return send(res, 405, { message: `Method ${method} not allowed on ${path}` });
  }

  private issue(userId: string) {
    const now = Math.floor(Date.now() / 1000);
    const user = this.users.get(userId);
    const payload = {
      sub: userId,
      accounts: user?.accounts ?? [],
      organizationId: user?.organizationId,
      roles: ['CONSUMER'],
      exp: now + this.accessTtlS,
      jti: randomUUID(),
    };
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const accessToken = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.${randomBytes(16).toString('base64url')}`;
    const refreshToken = randomBytes(24).toString('hex');
    this.tokens.set(accessToken, { userId, exp: now + this.accessTtlS });
    this.refreshTokens.set(refreshToken, { userId, exp: now + 7 * 86_400 });
    return {
      accessToken,
      accessTokenExpiration: now + this.accessTtlS,
      refreshToken,
      refreshTokenExpiration: now + 7 * 86_400,
      accountNumbers: user?.accounts ?? [],
    };
  }

  private apiKey(r: DhlRequest, res: ServerResponse) {
    if (typeof r.body?.userId !== 'string' || typeof r.body?.key !== 'string') {
      return send(res, 400, { message: 'userId and key are required' });
    }
    if (!UUID.test(r.body.userId)) return send(res, 400, { message: `Could not parse userId from '${r.body.userId}'` });
    const user = this.users.get(r.body.userId);
    if (!user || user.key !== r.body.key) return send(res, 401, { message: 'Invalid credentials' });
    send(res, 200, this.issue(r.body.userId));
  }

  private refresh(r: DhlRequest, res: ServerResponse) {
    if (typeof r.body?.refreshToken !== 'string') return send(res, 400, { message: 'refreshToken is required' });
    const found = this.refreshTokens.get(r.body.refreshToken);
    if (!found || found.exp <= Date.now() / 1000) return send(res, 401, { message: 'Invalid refresh token' });
    this.refreshTokens.delete(r.body.refreshToken);
    send(res, 200, this.issue(found.userId));
  }

  private bearer(r: DhlRequest): string | null {
    const match = /^Bearer (.+)$/.exec(String(r.headers.authorization ?? ''));
    const token = match ? this.tokens.get(match[1] as string) : undefined;
    return token && token.exp > Date.now() / 1000 ? token.userId : null;
  }

  private accountsOf(userId: string): string[] {
    return this.users.get(userId)?.accounts ?? [];
  }

  private capabilities(r: DhlRequest, res: ServerResponse, userId: string) {
    const senderType = r.path.slice('/capabilities/'.length);
    if (!SENDER_TYPES.includes(senderType)) return send(res, 400, { message: `Invalid senderType '${senderType}'` });
    const q = r.query;
    for (const flag of ['returnProduct', 'toBusiness']) {
      if (q.has(flag) && !['true', 'false'].includes(q.get(flag) as string))
        return send(res, 400, { message: `${flag} must be true or false` });
    }
    if (q.has('parcelType') && (!q.get('fromCountry') || !q.get('toCountry'))) {
      return send(res, 400, { message: 'fromCountry and toCountry are required when parcelType is given' });
    }
    const account = q.get('accountNumber');
    if (account && !this.accountsOf(userId).includes(account)) return send(res, 403, { message: `No access to account ${account}` });
    const rows = capabilityRows().filter(
      (row) =>
        (!q.get('fromCountry') || row.fromCountryCode === q.get('fromCountry')) &&
        (!q.get('toCountry') || row.toCountryCode === q.get('toCountry')) &&
        (!q.has('returnProduct') || row.product.returnProduct === (q.get('returnProduct') === 'true')) &&
        (!q.get('parcelType') || row.parcelType.key === q.get('parcelType')),
    );
    send(res, 200, rows);
  }

  private async createLabel(r: DhlRequest, res: ServerResponse, userId: string): Promise<void> {
    const b = r.body;
    if (!b || typeof b !== 'object') return send(res, 400, { message: 'A LabelSpecification body is required' });
    const errors: string[] = [];
    if (typeof b.labelId !== 'string' || !UUID.test(b.labelId)) errors.push('labelId: must be a UUID');
    if (typeof b.parcelTypeKey !== 'string') errors.push('parcelTypeKey: is required');
    if (typeof b.accountId !== 'string' || !b.accountId) errors.push('accountId: is required');
    if (b.labelFormat !== undefined && !LABEL_FORMATS.includes(b.labelFormat))
      errors.push(`labelFormat: must be one of ${LABEL_FORMATS.join(', ')}`);
    if (b.returnLabel !== undefined && typeof b.returnLabel !== 'boolean') errors.push('returnLabel: must be a boolean');
    if (b.weight !== undefined && (typeof b.weight !== 'number' || b.weight < 0 || b.weight > 1000))
      errors.push('weight: must be between 0 and 1000');
    errors.push(...addresseeErrors('shipper', b.shipper), ...addresseeErrors('receiver', b.receiver));
    if (errors.length) return send(res, 400, { message: errors.join('; ') });
    if (!this.accountsOf(userId).includes(b.accountId)) return send(res, 403, { message: `No access to account ${b.accountId}` });
    const from = b.shipper.address.countryCode;
    const to = b.receiver.address.countryCode;
    const capability = capabilityRows().find(
      (row) =>
        row.product.returnProduct === Boolean(b.returnLabel) &&
        row.fromCountryCode === from &&
        row.toCountryCode === to &&
        row.parcelType.key === b.parcelTypeKey,
    );
    if (!capability)
      return send(res, 400, {
        message: `parcelTypeKey: no ${b.returnLabel ? 'return ' : ''}product for ${b.parcelTypeKey} from ${from} to ${to}`,
      });
    for (const option of Array.isArray(b.options) ? b.options : []) {
      if (!capability.options.some((o) => o.key === option?.key))
        return send(res, 400, { message: `options: '${option?.key}' is not available for this shipment` });
      const inputMax = capability.options.find((o) => o.key === option.key)?.inputMax ?? Number.POSITIVE_INFINITY;
      if (option.input !== undefined && (typeof option.input !== 'string' || option.input.length > inputMax))
        return send(res, 400, { message: `options: input of ${option.key} must be a string of at most ${inputMax} characters` });
    }
    if (typeof b.weight === 'number' && b.weight > capability.parcelType.maxWeightKg) {
      return send(res, 400, {
        message: `weight: ${b.weight} kg is above ${capability.parcelType.maxWeightKg} kg for ${b.parcelTypeKey}`,
      });
    }
    if (this.labels.has(b.labelId)) return send(res, 409, { message: `A label with id ${b.labelId} already exists` });
    const trackerCode = `JVGL0${b.accountId}${String(this.serial++).padStart(11, '0')}`;
    const routingCode = `2LNL${String(b.receiver.address.postalCode).replace(/\s/g, '')}+72000000`;
    const lines = [
      `From: ${[b.shipper.name.firstName, b.shipper.name.lastName].filter(Boolean).join(' ')}, ${b.shipper.address.postalCode} ${b.shipper.address.city} ${b.shipper.address.countryCode}`,
      `To: ${b.receiver.name.companyName ?? b.receiver.name.lastName}, ${b.receiver.address.street} ${b.receiver.address.number}, ${b.receiver.address.postalCode} ${b.receiver.address.city}`,
      `Ref: ${b.orderReference ?? ''}  ${b.parcelTypeKey}`,
    ];
    const label: StoredLabel = {
      labelId: b.labelId,
      labelType: 'B2X_Generic_A4_Third',
      trackerCode,
      routingCode,
      userId,
      organizationId: this.users.get(userId)?.organizationId ?? '',
      ...(typeof b.orderReference === 'string' ? { orderReference: b.orderReference } : {}),
      accountId: b.accountId,
      returnLabel: Boolean(b.returnLabel),
      request: b,
      pdf: await labelPdf(trackerCode, routingCode, lines),
      zpl: labelZpl(trackerCode, routingCode, lines),
      format: b.labelFormat ?? 'pdf',
    };
    this.labels.set(label.labelId, label);
    send(res, 200, this.labelJson(label, label.format));
  }

  private labelJson(label: StoredLabel, format: string) {
    const { pdf, zpl, request: _request, accountId: _account, returnLabel: _return, format: _format, ...rest } = label;
    return {
      ...rest,
      ...(format === 'pdf' || format === 'both' ? { pdf: pdf.toString('base64') } : {}),
      ...(format === 'zpl' || format === 'both' ? { zpl: Buffer.from(zpl).toString('base64') } : {}),
    };
  }

  private findLabels(r: DhlRequest, res: ServerResponse, userId: string) {
    const ref = r.query.get('orderReferenceFilter');
    const tracker = r.query.get('trackerCodeFilter');
    const found = [...this.labels.values()].filter(
      (l) => l.userId === userId && (!ref || l.orderReference === ref) && (!tracker || l.trackerCode === tracker),
    );
    send(
      res,
      200,
      found.map((l) => this.labelJson(l, 'neither')),
    );
  }

  private getLabel(r: DhlRequest, res: ServerResponse, userId: string) {
    const id = decodeURIComponent(r.path.slice('/labels/'.length));
    if (!UUID.test(id)) return send(res, 400, { message: `Could not parse id from '${id}'` });
    const label = this.labels.get(id);
    if (!label || label.userId !== userId) return send(res, 404, { message: `Label ${id} not found` });
    if (String(r.headers.accept ?? '').includes('application/pdf')) {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': label.pdf.length });
      res.end(label.pdf);
      return;
    }
    send(res, 200, this.labelJson(label, label.format === 'zpl' ? 'both' : label.format));
  }

  private parcelShops(r: DhlRequest, res: ServerResponse) {
    const country = r.path.slice('/parcel-shop-locations/'.length).toUpperCase();
    const q = r.query;
    const limit = q.has('limit') ? Number(q.get('limit')) : 10;
    if (!Number.isInteger(limit) || limit < 1) return send(res, 400, { message: 'limit must be a positive integer' });
    let centre: { latitude: number; longitude: number } | null = null;
    if (q.has('latitude') || q.has('longitude')) {
      const latitude = Number(q.get('latitude'));
      const longitude = Number(q.get('longitude'));
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude))
        return send(res, 400, { message: 'latitude and longitude must both be numbers' });
      centre = { latitude, longitude };
    } else if (q.get('zipCode')) {
      centre = POSTAL_CODE_CENTRES[`${country}:${(q.get('zipCode') as string).replace(/\s/g, '').toUpperCase()}`] ?? null;
      if (!centre) return send(res, 200, []);
    }
    const radius = q.has('radius') ? Number(q.get('radius')) : Number.POSITIVE_INFINITY;
    const showUnavailable = q.get('showUnavailable') === 'true';
    const shops = SHOPS.filter((shop) => shop.address.countryCode === country && (showUnavailable || !shop.unavailable))
      .map(({ unavailable: _u, ...shop }) => ({ ...shop, ...(centre ? { distance: haversineMeters(centre, shop.geoLocation) } : {}) }))
      .filter((shop) => !centre || (shop.distance ?? 0) <= radius)
      .sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0))
      .slice(0, limit);
    send(res, 200, shops);
  }

  private trackTrace(r: DhlRequest, res: ServerResponse) {
    const keys = (r.query.get('key') ?? '')
      .split(',')
      .map((k) => k.split('+')[0]?.trim() ?? '')
      .filter(Boolean);
    if (!keys.length) return send(res, 400, { message: 'key is required' });
    const pieces = keys.flatMap((barcode) => {
      const label = [...this.labels.values()].find((l) => l.trackerCode === barcode);
      const scans = this.events.get(barcode);
      if (!label && !scans) return [];
      const events: DhlEvent[] = [
        {
          category: 'DATA_RECEIVED',
          status: 'DATA_RECEIVED_WITH_PREFIX_LABEL',
          timestamp: '2026-12-01T09:00:00.000Z',
          type: 'PIECE_EVENT',
        },
        ...(scans ?? []),
      ];
      const delivered = events.find((e) => e.category === 'DELIVERED');
      return [
        {
          id: randomBytes(12).toString('hex'),
          barcode,
          events,
          type: 'SHIPMENT',
          ...(delivered ? { deliveredAt: delivered.timestamp } : {}),
        },
      ];
    });
    if (!pieces.length) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
      return;
    }
    send(res, 200, pieces);
  }
}
