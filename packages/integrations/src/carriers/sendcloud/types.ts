// Sendcloud v3 Return object, the fields Retour reads (sendcloud-v3-returns-openapi.yml, components/schemas/Return;
// `id` as the spec's prose says the list gives return ids).
import type { SendcloudStatusHistory } from './tracking.ts';

export type SendcloudReturn = {
  id?: number;
  tracking_number?: string | null;
  tracking_url?: string | null;
  label_url?: string | null;
  label?: { label_printer?: string | null; normal_printer?: string[] | null } | null;
  label_cost?: { value?: unknown; currency?: unknown } | null;
  is_cancellable?: boolean;
  status_history?: SendcloudStatusHistory[];
  created_at?: string;
  order_number?: string | null;
  delivery_option?: string | null;
  shipping_option?: { code?: string | null } | null;
  from_address?: { name?: string; postal_code?: string } | null;
  to_address?: { name?: string; postal_code?: string } | null;
  errors?: { code?: string; detail?: string; title?: string; source?: { pointer?: string } }[] | null;
};
