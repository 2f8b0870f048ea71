import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionWizard } from '../src/components/ConnectionWizard/ConnectionWizard';
import type { StepId } from '../src/core/draft';
import { createMemoryAdapter, type MemoryAdapter } from '../src/testing/memory-adapter';
import { expectNoAxeViolations } from './helpers/axe';
import { completeBasics, createTestQueryClient, expectStep, renderWizard } from './wizard-helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A host that opens the wizard from its own button (no trigger). */
function HostWithOwnButton({ adapter }: { adapter: MemoryAdapter }) {
  const [open, setOpen] = useState(false);
  const [queryClient] = useState(createTestQueryClient);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open wizard
      </button>
      <ConnectionWizard adapter={adapter} queryClient={queryClient} trigger={null} open={open} onOpenChange={setOpen} />
    </>
  );
}

/** A host that controls the step. */
function HostControllingStep({ adapter, onStepChange }: { adapter: MemoryAdapter; onStepChange: (step: StepId) => void }) {
  const [step, setStep] = useState<StepId>('basics');
  const [queryClient] = useState(createTestQueryClient);
  return (
    <ConnectionWizard
      adapter={adapter}
      variant="inline"
      queryClient={queryClient}
      step={step}
      onStepChange={(next) => {
        onStepChange(next);
        setStep(next);
      }}
    />
  );
}

function renderDialog(props: Partial<Parameters<typeof ConnectionWizard>[0]> = {}) {
  return renderWizard({ props: { variant: 'dialog', ...props } });
}

describe('ConnectionWizard dialog variant', () => {
  it('is the default variant, with a default Add connection trigger', () => {
    const adapter = createMemoryAdapter();
    render(<ConnectionWizard adapter={adapter} queryClient={createTestQueryClient()} />);
    expect(screen.getByRole('button', { name: 'Add connection' })).toHaveAttribute('aria-haspopup', 'dialog');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  describe('when the trigger is pressed', () => {
    it('opens a dialog with title and description, focusing the step heading', async () => {
      const { user, events } = renderDialog();
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      const dialog = screen.getByRole('dialog', { name: 'Add Connection' });
      expect(dialog).toHaveAccessibleDescription('Connect a store to a warehouse for a merchant in four steps.');
      expect(dialog).toHaveAttribute('data-slot', 'connection-wizard');
      expect(dialog).toHaveAttribute('data-variant', 'dialog');
      expect(dialog).toHaveAttribute('data-step', 'basics');
      expect(dialog).toHaveAttribute('data-state', 'editing');
      expect(within(dialog).getByRole('heading', { name: 'Basic Information' })).toHaveFocus();
      expect(events()).toEqual([{ type: 'step_viewed', step: 'basics' }]);
      await expectNoAxeViolations(document.body);
    });
  });

  describe('Cancel', () => {
    it('closes, returns focus to the trigger, reports wizard_closed and discards the draft', async () => {
      const onOpenChange = vi.fn();
      const { user, events } = renderDialog({ onOpenChange });
      const trigger = screen.getByRole('button', { name: 'Add connection' });
      await user.click(trigger);
      await user.type(screen.getByRole('textbox', { name: 'Connection Name' }), 'Throwaway');
      await user.click(screen.getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(trigger).toHaveFocus();
      expect(onOpenChange.mock.calls).toEqual([[true], [false]]);
      expect(events()).toContainEqual({ type: 'wizard_closed', reason: 'cancel' });
      await user.click(trigger);
      expect(screen.getByRole('textbox', { name: 'Connection Name' })).toHaveValue('');
    });
  });

  describe('Escape', () => {
    it('closes and keeps the draft for when the dialog opens again', async () => {
      const { user, events } = renderDialog();
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      await completeBasics(user, 'Keep me');
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(events()).toContainEqual({ type: 'wizard_closed', reason: 'dismiss' });
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      expect(screen.getByRole('heading', { name: 'Merchant Information' })).toHaveFocus();
      await user.click(screen.getByRole('button', { name: 'Back' }));
      expect(screen.getByRole('textbox', { name: 'Connection Name' })).toHaveValue('Keep me');
      expect(events().filter((event) => event.type === 'step_viewed').map((event) => 'step' in event && event.step)).toEqual([
        'basics',
        'merchant',
        'merchant',
        'basics',
      ]);
    });
  });

  describe('while it is open', () => {
    it('keeps the page behind from scrolling, under StrictMode too, until it closes', async () => {
      const { user } = renderWizard({ strict: true, props: { variant: 'dialog' } });
      const root = document.documentElement;
      expect(root.style.overflow).toBe('');
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      expect(document.querySelector('[data-slot="wizard-overlay"]')).toHaveAttribute('data-state', 'open');
      expect(root.style.overflow).toBe('hidden');
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(document.querySelector('[data-slot="wizard-overlay"]')).not.toBeInTheDocument();
      expect(root.style.overflow).toBe('');
    });

    it('closes on a press on the overlay and keeps the draft', async () => {
      const { user, events } = renderDialog();
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      await user.type(screen.getByRole('textbox', { name: 'Connection Name' }), 'Kept');
      // Radix sets pointer-events: none on <body> while the dialog is open; styles.css gives the overlay the pointer
      // back, which jsdom (no stylesheet) cannot know: user-event must not refuse the click for it.
      await userEvent.setup({ pointerEventsCheck: 0 }).click(document.querySelector('[data-slot="wizard-overlay"]') as Element);
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(events()).toContainEqual({ type: 'wizard_closed', reason: 'dismiss' });
      expect(document.documentElement.style.overflow).toBe('');
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      expect(screen.getByRole('textbox', { name: 'Connection Name' })).toHaveValue('Kept');
    });
  });

  it('uses the host’s trigger element', async () => {
    const { user } = renderDialog({ trigger: <button type="button">New connection</button> });
    expect(screen.queryByRole('button', { name: 'Add connection' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New connection' }));
    expect(screen.getByRole('dialog', { name: 'Add Connection' })).toBeInTheDocument();
  });

  it('renders no trigger with trigger={null}, opened by the host', async () => {
    const user = userEvent.setup();
    render(<HostWithOwnButton adapter={createMemoryAdapter()} />);
    expect(screen.queryByRole('button', { name: 'Add connection' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open wizard' }));
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('passes className, style and other props to the dialog content', async () => {
    const { user } = renderDialog({ className: 'host-wizard', style: { maxWidth: 500 }, 'data-testid': 'wizard' } as never);
    await user.click(screen.getByRole('button', { name: 'Add connection' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveClass('host-wizard');
    expect(dialog).toHaveStyle({ maxWidth: '500px' });
    expect(dialog).toHaveAttribute('data-testid', 'wizard');
  });

  it('renders overrides from messages everywhere, the trigger and the steps included', async () => {
    const { user } = renderDialog({
      messages: { wizard: { trigger: 'Verbindung hinzufügen', title: 'Neue Verbindung', continue: 'Weiter' }, basics: { connectionName: 'Name' } },
    });
    await user.click(screen.getByRole('button', { name: 'Verbindung hinzufügen' }));
    expect(screen.getByRole('dialog', { name: 'Neue Verbindung' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Weiter' })).toBeInTheDocument();
  });
});

describe('ConnectionWizard controlled step', () => {
  it('reports step changes and shows the step the host chooses', async () => {
    const user = userEvent.setup();
    const onStepChange = vi.fn();
    render(<HostControllingStep adapter={createMemoryAdapter()} onStepChange={onStepChange} />);
    await completeBasics(user, 'Controlled');
    expect(onStepChange).toHaveBeenCalledWith('merchant');
  });

  it('stays on the controlled step until the host moves it', async () => {
    const onStepChange = vi.fn();
    const { user } = renderWizard({ props: { step: 'basics', onStepChange } });
    await user.type(screen.getByRole('textbox', { name: 'Connection Name' }), 'Stay');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onStepChange).toHaveBeenCalledWith('merchant');
    expect(screen.getByRole('heading', { name: 'Basic Information' })).toBeInTheDocument();
  });
});

describe('ConnectionWizard inline variant', () => {
  it('exposes its slot and state on the root, with className and style', () => {
    renderWizard({ props: { className: 'card', style: { margin: 4 } } });
    const region = screen.getByRole('region', { name: 'Add Connection' });
    expect(region).toHaveAttribute('data-slot', 'connection-wizard');
    expect(region).toHaveAttribute('data-variant', 'inline');
    expect(region).toHaveAttribute('data-state', 'editing');
    expect(region).toHaveClass('card');
    expect(region).toHaveStyle({ margin: '4px' });
  });

  it('leaves the page’s scrolling alone', () => {
    renderWizard();
    expect(screen.getByRole('region', { name: 'Add Connection' })).toBeInTheDocument();
    expect(document.documentElement.style.overflow).toBe('');
  });

  it('Cancel closes it, leaves its trigger focused, and the trigger opens a fresh draft', async () => {
    const { user, events } = renderWizard();
    await completeBasics(user, 'Gone');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
    expect(events()).toContainEqual({ type: 'wizard_closed', reason: 'cancel' });
    const trigger = screen.getByRole('button', { name: 'Add connection' });
    expect(trigger).toHaveFocus();
    await user.keyboard('{Enter}');
    await expectStep('Basic Information');
    expect(screen.getByRole('textbox', { name: 'Connection Name' })).toHaveValue('');
  });
});
