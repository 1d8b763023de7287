// Merchant reports.
import { z } from 'zod';
import { MoneySchema } from './common.ts';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month such as "2026-11".');
export const LabelCostQuerySchema = z
  .object({ from: Month, to: Month })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to.', path: ['from'] })
  .refine((q) => Number(q.to.slice(0, 4)) * 12 + Number(q.to.slice(5)) - (Number(q.from.slice(0, 4)) * 12 + Number(q.from.slice(5))) < 36, {
    message: 'Ask for at most 36 months at a time.',
    path: ['to'],
  });
export const LabelCostReportSchema = z.object({
  data: z.array(z.object({ month: z.string(), carrier: z.string(), labels: z.number().int(), total: MoneySchema })),
});
