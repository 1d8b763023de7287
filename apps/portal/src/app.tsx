// The portal: one small state machine over the steps (no router). Each step change moves focus to
// the step's heading, becomes a browser history entry (without any data in the URL) and is kept
// in sessionStorage so a reload does not lose the shopper's progress.
import type { PublicPortal } from '@retour/contracts/portal';
import type { FunctionComponent } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.ts';
import { Frame } from './components/frame.tsx';
import { Progress, Status } from './components/ui.tsx';
import { type Draft, type Errors, emptyDraft, nextStep, previousStep, type Step, stepsFor } from './flow.ts';
import { type Lang, loadLanguage, t } from './i18n.ts';
import { StartStep, WithdrawStep } from './steps/start.tsx';
import type { StepProps } from './steps/types.ts';
import { applyTheme, themeOf } from './theme.ts';

const FIRST_VIEWS: Partial<Record<Step, FunctionComponent<StepProps>>> = { start: StartStep, withdraw: WithdrawStep };

type Later = typeof import('./steps/later-views.ts');
let later: Promise<Later> | null = null;
const loadLater = () => {
  later ??= import('./steps/later-views.ts');
  return later;
};

/** The later steps, fetched while the shopper reads the start page (at once when they are needed). */
function useLaterViews(needed: boolean): Later | null {
  const [views, setViews] = useState<Later | null>(null);
  useEffect(() => {
    const load = () => void loadLater().then(setViews);
    if (needed) return load();
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
    idle(load);
  }, [needed]);
  return views;
}

export type Route = { slug: string; returnId: string | null; access: string | null; embed: boolean };
type Saved = { step: Step; draft: Draft };

function restore(slug: string): Saved | null {
  // A deep link from the shop opens its own order, whatever was in progress.
  if (new URLSearchParams(location.search).has('sig')) return null;
  try {
    const saved = JSON.parse(sessionStorage.getItem(`retour:${slug}`) ?? 'null') as Saved | null;
    if (!saved?.draft) return null;
    if (saved.step === 'done' && saved.draft.created) return saved;
    if (saved.draft.lookup && Date.parse(saved.draft.lookup.expiresAt) > Date.now()) return saved;
    // The lookup has expired: back to finding the order, with the shopper's choices kept.
    return { step: saved.draft.mode === 'withdrawal' ? 'withdraw' : 'start', draft: { ...saved.draft, lookup: null } };
  } catch {
    // Storage may be unavailable (privacy settings, some embedded contexts): start afresh.
  }
  return null;
}

function save(slug: string, saved: Saved): void {
  try {
    sessionStorage.setItem(`retour:${slug}`, JSON.stringify(saved));
  } catch {
    // Not kept across reloads then; the journey itself works from memory.
  }
}

/** Tells an embedding page how tall the portal is, so it can size its iframe. */
function useEmbedHeight(embed: boolean): void {
  useEffect(() => {
    if (!embed || window.parent === window || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      window.parent.postMessage({ type: 'retour:height', height: document.documentElement.scrollHeight }, '*');
    });
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [embed]);
}

export function App({ route, initialPortal, initialLang }: { route: Route; initialPortal: PublicPortal; initialLang: Lang }) {
  const { slug } = route;
  const [portal, setPortal] = useState(initialPortal);
  const [lang, setLang] = useState(initialLang);
  const [saved] = useState(() => restore(slug));
  const [step, setStep] = useState<Step>(saved?.step ?? 'start');
  const [draft, setDraft] = useState<Draft>(saved?.draft ?? emptyDraft('return', initialPortal));
  const [errors, setErrors] = useState<Errors>({});
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const first = useRef(true);

  useEmbedHeight(route.embed);
  const views = useLaterViews(Boolean(route.returnId) || !(step === 'start' || step === 'withdraw'));
  useEffect(() => applyTheme(themeOf(portal.brand.colors)), [portal.brand.colors]);

  const update = useCallback((patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch })), []);
  const go = useCallback((to: Step, errs: Errors = {}) => {
    setErrors(errs);
    setStep(to);
    history.pushState({ step: to }, '', location.href);
  }, []);

  useEffect(() => {
    history.replaceState({ step }, '', location.href);
    const onPop = (event: PopStateEvent) => {
      const target = (event.state as { step?: Step } | null)?.step ?? 'start';
      const current = draftRef.current;
      setErrors({});
      if (current.created && target !== 'done') {
        setDraft(emptyDraft('return', initialPortal));
        setStep('start');
      } else if (target === 'start' || target === 'withdraw' || (current.lookup && stepsFor(current).includes(target))) {
        setStep(target);
      }
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
    // Registered once; the handler reads the draft through a ref.
  }, []);

  useEffect(() => {
    if (!route.returnId) save(slug, { step, draft });
  }, [slug, step, draft, route.returnId]);

  useEffect(() => {
    document.title = `${document.getElementById('step-heading')?.textContent ?? ''} – ${portal.brand.name}`;
  });

  // Focus goes to the new step's heading once it is on screen (its chunk may still be loading).
  const focusPending = useRef(false);
  useEffect(() => {
    if (first.current) first.current = false;
    else focusPending.current = true;
  }, [step]);
  useEffect(() => {
    const heading = document.getElementById('step-heading');
    if (!focusPending.current || !heading) return;
    focusPending.current = false;
    heading.focus();
  });

  const changeLanguage = async (code: Lang) => {
    await loadLanguage(code);
    const url = new URL(location.href);
    url.searchParams.set('lang', code);
    history.replaceState(history.state, '', url);
    try {
      setPortal(await api.portal(slug));
    } catch {
      // Reason labels stay in the previous language until the next successful load.
    }
    setErrors({});
    setLang(code);
  };

  const needsOrder = step !== 'start' && step !== 'withdraw' && step !== 'done';
  const shown: Step = needsOrder && !draft.lookup ? (draft.mode === 'withdrawal' ? 'withdraw' : 'start') : step;
  const View = FIRST_VIEWS[shown] ?? views?.laterViews[shown];
  const steps = stepsFor(draft);
  const props: StepProps = {
    slug,
    portal,
    draft,
    update,
    errors,
    setErrors,
    go,
    next: () => go(nextStep(draft, shown)),
    back: () => go(previousStep(draft, shown)),
  };
  return (
    <Frame portal={portal} lang={lang} embed={route.embed} onLanguage={(code) => void changeLanguage(code)}>
      {route.returnId ? (
        views ? (
          <views.statusView slug={slug} id={route.returnId} access={route.access ?? ''} lang={lang} />
        ) : (
          <Status>{t('loading')}</Status>
        )
      ) : (
        <>
          {shown !== 'start' && shown !== 'withdraw' && shown !== 'done' && (
            <Progress index={steps.indexOf(shown) + 1} total={steps.length - 1} />
          )}
          {View ? <View key={shown} {...props} /> : <Status>{t('loading')}</Status>}
        </>
      )}
    </Frame>
  );
}
