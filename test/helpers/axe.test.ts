import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from './axe';

describe('expectNoAxeViolations', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('passes for accessible markup', async () => {
    document.body.innerHTML = '<div><label for="a">Name</label><input id="a"></div>';
    await expectNoAxeViolations(document.body.firstElementChild as Element);
  });

  it('fails, naming the rule, for an unlabelled field', async () => {
    document.body.innerHTML = '<div><input id="a"></div>';
    await expect(expectNoAxeViolations(document.body.firstElementChild as Element)).rejects.toThrow(/label/);
  });

  it('works under fake timers', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<div><button type="button"></button></div>';
    await expect(expectNoAxeViolations(document.body.firstElementChild as Element)).rejects.toThrow(/button-name/);
  });
});
