import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { BigCommerceSimulator } from './simulator/BigCommerceSimulator';
import { SIMULATED_OWNER_EMAIL } from './simulator/channel';

/**
 * The simulated BigCommerce sign-in + consent screen the **Full flow** stories open in a real popup. Storybook
 * serves it itself (`iframe.html?id=internal-bigcommerce-simulator--consent&viewMode=story&attempt=…&store_hash=…`),
 * so the flow works in `storybook dev` and in the static build alike.
 */
const meta = {
  title: 'Internal/BigCommerce Simulator',
  component: BigCommerceSimulator,
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'Not part of the library: the stand-in for `login.bigcommerce.com` used by the Full flow stories. ' +
          'Opened with `attempt` and `store_hash` query parameters, it tells the opener’s memory adapter the outcome ' +
          'over `BroadcastChannel("rcw-storybook-simulator")`, then calls `reportAuthorizationResult` from ' +
          '`react-connection-wizard/callback` exactly like a real result page.',
      },
    },
  },
} satisfies Meta<typeof BigCommerceSimulator>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The popup's target. When opened by a Full flow story the store hash and attempt come from the URL; the play
 * function only checks the sign-in form is there, so it never signs in on the user's behalf.
 */
export const Consent: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Log in to your store' })).toBeVisible();
    await expect(canvas.getByLabelText('Email address')).toHaveValue(SIMULATED_OWNER_EMAIL);
    await expect(canvas.getByRole('button', { name: 'Log in' })).toBeEnabled();
  },
};

/** Signing in with an empty password is refused with an announced error. */
export const SignInError: Story = {
  args: { attemptId: 'story-attempt', storeHash: 'abc123' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Log in' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('email address and password');
  },
};

/** Sign in, read the consent screen, Confirm. Opened on its own, nobody is waiting: it still ends politely. */
export const Walkthrough: Story = {
  args: { attemptId: 'story-attempt', storeHash: 'abc123' },
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step('Sign in as the Store Owner', async () => {
      await userEvent.type(await canvas.findByLabelText('Password'), 'correct horse battery staple');
      await userEvent.click(canvas.getByRole('button', { name: 'Log in' }));
    });
    await step('Confirm access', async () => {
      await expect(await canvas.findByRole('heading', { name: 'Confirm access' })).toBeVisible();
      await expect(canvas.getByText('abc123')).toBeVisible();
      await userEvent.click(canvas.getByRole('button', { name: 'Confirm' }));
    });
    // Nobody records the outcome here, so the simulator reports after its 3 s wait for an acknowledgement.
    await expect(await canvas.findByRole('heading', { name: 'Access granted' }, { timeout: 6_000 })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent('You can close this window.');
  },
};
