import { type FormEvent, useId, useState } from 'react';
import { reportAuthorizationResult } from '../../src/callback/index';
import { announceOutcome, SIMULATED_OWNER_EMAIL, type SimulatorOutcome } from './channel';
import './simulator.css';

/*
 * A stand-in for login.bigcommerce.com that Storybook serves itself: sign in as the Store Owner, then Confirm or
 * Cancel on the consent screen. It is story scaffolding, not library UI, so its English text lives here.
 */

export interface BigCommerceSimulatorProps {
  /** @default the `attempt` query parameter */
  attemptId?: string;
  /** @default the `store_hash` query parameter */
  storeHash?: string;
  /** The wizard page's origin, given to `reportAuthorizationResult`. @default location.origin */
  appOrigin?: string;
  /** The e-mail pre-filled on the sign-in form. @default 'owner@example.com' */
  defaultEmail?: string;
}

type Screen =
  | { name: 'sign-in'; error?: string }
  | { name: 'consent'; email: string }
  | { name: 'sending'; outcome: SimulatorOutcome['status'] }
  | { name: 'done'; outcome: SimulatorOutcome['status']; delivery: string };

function queryParam(name: string): string | undefined {
  if (typeof window === 'undefined') return undefined;
  return new URLSearchParams(window.location.search).get(name) ?? undefined;
}

const SCOPES = [
  ['Orders', 'modify'],
  ['Products', 'read-only'],
  ['Information & settings', 'read-only'],
  ['Inventory', 'modify'],
] as const;

export function BigCommerceSimulator(props: BigCommerceSimulatorProps) {
  const attemptId = props.attemptId ?? queryParam('attempt') ?? '';
  const storeHash = (props.storeHash ?? queryParam('store_hash') ?? '').toLowerCase();
  const [screen, setScreen] = useState<Screen>({ name: 'sign-in' });
  const id = useId();

  function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (email === '' || password === '') {
      setScreen({ name: 'sign-in', error: 'Enter the Store Owner’s email address and password.' });
      return;
    }
    setScreen({ name: 'consent', email });
  }

  async function decide(outcome: SimulatorOutcome) {
    setScreen({ name: 'sending', outcome: outcome.status });
    // First the "server" (the opener's memory adapter) learns the outcome, as BigCommerce's redirect to the
    // host's callback would make it; only then does the result page tell the wizard to ask.
    await announceOutcome(attemptId, outcome);
    let delivery = 'none';
    try {
      delivery = reportAuthorizationResult({
        appOrigin: props.appOrigin ?? window.location.origin,
        attemptId,
        status: outcome.status === 'authorized' ? 'authorized' : 'denied',
      });
    } catch {
      delivery = 'none';
    }
    setScreen({ name: 'done', outcome: outcome.status, delivery });
  }

  return (
    <div className="bc-sim" data-rcw-simulator={screen.name}>
      <header className="bc-sim__header">
        <span className="bc-sim__logo" aria-hidden="true">
          B
        </span>
        <span className="bc-sim__brand">BigCommerce</span>
        <span className="bc-sim__badge">Simulated for Storybook</span>
      </header>
      <main className="bc-sim__main">
        {screen.name === 'sign-in' && (
          <form className="bc-sim__card" onSubmit={signIn} noValidate aria-labelledby={`${id}-title`}>
            <h1 id={`${id}-title`}>Log in to your store</h1>
            <p>
              Sign in as the <strong>Store Owner</strong> of store <code>{storeHash || '—'}</code>.
            </p>
            <label htmlFor={`${id}-email`}>Email address</label>
            <input
              id={`${id}-email`}
              name="email"
              type="email"
              autoComplete="username"
              defaultValue={props.defaultEmail ?? SIMULATED_OWNER_EMAIL}
            />
            <label htmlFor={`${id}-password`}>Password</label>
            <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" />
            {screen.error && (
              <p className="bc-sim__error" role="alert">
                {screen.error}
              </p>
            )}
            <button type="submit" className="bc-sim__primary">
              Log in
            </button>
          </form>
        )}
        {screen.name === 'consent' && (
          <section className="bc-sim__card" aria-labelledby={`${id}-consent`}>
            <h1 id={`${id}-consent`}>Confirm access</h1>
            <p>
              <strong>Connection Wizard (Storybook)</strong> would like to access store <code>{storeHash}</code>.
              You are signed in as <strong>{screen.email}</strong>.
            </p>
            <h2>It will be able to</h2>
            <ul className="bc-sim__scopes">
              {SCOPES.map(([scope, level]) => (
                <li key={scope}>
                  {scope}: <span>{level}</span>
                </li>
              ))}
            </ul>
            <div className="bc-sim__actions">
              <button type="button" className="bc-sim__secondary" onClick={() => decide({ status: 'denied' })}>
                Cancel
              </button>
              <button
                type="button"
                className="bc-sim__primary"
                onClick={() =>
                  decide({
                    status: 'authorized',
                    grantId: `grant_${storeHash}_${attemptId.slice(0, 8)}`,
                    storeHash,
                    ownerEmail: screen.email,
                  })
                }
              >
                Confirm
              </button>
            </div>
          </section>
        )}
        {screen.name === 'sending' && (
          <section className="bc-sim__card" aria-labelledby={`${id}-sending`}>
            <h1 id={`${id}-sending`}>One moment…</h1>
            <p>Returning to the app.</p>
          </section>
        )}
        {screen.name === 'done' && (
          <section className="bc-sim__card" aria-labelledby={`${id}-done`} data-delivery={screen.delivery}>
            <h1 id={`${id}-done`}>{screen.outcome === 'authorized' ? 'Access granted' : 'Access not granted'}</h1>
            <p role="status">You can close this window.</p>
          </section>
        )}
      </main>
    </div>
  );
}
