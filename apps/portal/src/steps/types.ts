// What every step receives from the app: the portal, the draft and how to change it, the errors
// placed on this step, and how to move on or back.
import type { PublicPortal } from '@retour/contracts/portal';
import type { Draft, Errors, Step } from '../flow.ts';

export type StepProps = {
  slug: string;
  portal: PublicPortal;
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  errors: Errors;
  setErrors: (errors: Errors) => void;
  go: (step: Step, errors?: Errors) => void;
  next: () => void;
  back: () => void;
};
