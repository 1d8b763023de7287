// Service points (drop-off locations) as the portal offers them to a shopper.
import { z } from 'zod';
import { CountrySchema, LanguageSchema } from './common.ts';

export const SERVICE_POINT_TYPES = ['service_point', 'locker', 'post_office'] as const;
export const ServicePointTypeSchema = z.enum(SERVICE_POINT_TYPES);

const coordinate = (max: number, example: string) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,3}(\.\d{1,12})?$/, `Use decimal degrees, e.g. ${example}.`)
    .transform(Number)
    .pipe(z.number().min(-max).max(max));

export const ServicePointQuerySchema = z
  .object({
    carrier: z.string().trim().min(1).max(40),
    country: CountrySchema,
    postalCode: z.string().trim().min(1).max(20).optional(),
    latitude: coordinate(90, '52.3791').optional(),
    longitude: coordinate(180, '4.9003').optional(),
    type: z
      .string()
      .transform((s) => s.split(',').map((t) => t.trim()))
      .pipe(z.array(ServicePointTypeSchema).min(1))
      .optional()
      .describe('Comma-separated: service_point, locker, post_office.'),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    lang: LanguageSchema.optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.latitude === undefined) !== (q.longitude === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [q.latitude === undefined ? 'latitude' : 'longitude'],
        message: 'Give latitude and longitude together.',
      });
    } else if (q.latitude === undefined && q.postalCode === undefined) {
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'Give a postalCode, or latitude and longitude.' });
    }
  });
export type ServicePointQuery = z.infer<typeof ServicePointQuerySchema>;

export const ServicePointSchema = z.object({
  id: z.string().describe('Pass as servicePointId when creating the return.'),
  carrier: z.string(),
  type: ServicePointTypeSchema,
  name: z.string(),
  street: z.string(),
  houseNumber: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  openingHours: z.record(z.string(), z.string()).describe('By day (monday … sunday): "08:00-20:00" or "closed".'),
  distanceMeters: z.number().int().nullable(),
});
export type ServicePointView = z.infer<typeof ServicePointSchema>;

export const ServicePointListSchema = z.object({ data: z.array(ServicePointSchema) });
