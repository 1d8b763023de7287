// The steps after the lookup and the status page, loaded as a second chunk once the start page is
// up (or at once on a status page), so the first page downloads only what it shows.
import type { FunctionComponent } from 'preact';
import type { Step } from '../flow.ts';
import { ContactStep } from './contact.tsx';
import { DoneStep } from './done.tsx';
import { ItemsStep } from './items.tsx';
import { MethodStep } from './method.tsx';
import { ResolutionStep } from './resolution.tsx';
import { ReviewStep } from './review.tsx';
import { StatusPage } from './status.tsx';
import type { StepProps } from './types.ts';

export const laterViews: Partial<Record<Step, FunctionComponent<StepProps>>> = {
  items: ItemsStep,
  method: MethodStep,
  resolution: ResolutionStep,
  contact: ContactStep,
  review: ReviewStep,
  done: DoneStep,
};

export const statusView = StatusPage;
