import type { Decorator } from '@storybook/react-vite';

/**
 * On a docs page every story renders inline, side by side: a modal wizard there would make the whole page inert
 * (and dozens of them would stack). So in docs the wizard stories render `variant="inline"`; the Canvas tab and the
 * story tests keep the dialog.
 */
export const inlineWizardInDocs: Decorator = (Story, context) =>
  context.viewMode === 'docs' ? <Story args={{ ...context.args, variant: 'inline' }} /> : <Story />;
