// Timing probe shared by both benchmark pages. A capturing click listener on window notes when the trigger's click
// is dispatched; the first `focusin` inside the opened dialog ([role=dialog]) notes when focus landed; a
// MessageChannel message posted at that focus notes when the task that placed it (and its microtasks) ended
// ("task end"); a requestAnimationFrame + MessageChannel after it notes roughly when the next frame was produced
// ("next paint").
// Called explicitly: the package's `"sideEffects": ["*.css"]` lets a bundler drop a bare `import './measure.js'`.
export function installProbe() {
const probe = { clickAt: null, focusAt: null, focusTag: null, taskEndAt: null, paintAt: null };
window.__bench = probe;

window.addEventListener(
  'click',
  (event) => {
    if (!(event.target instanceof Element) || !event.target.closest('[data-bench-trigger], [data-slot="wizard-trigger"]')) return;
    probe.clickAt = performance.now();
    probe.focusAt = null;
    probe.focusTag = null;
    probe.taskEndAt = null;
    probe.paintAt = null;
  },
  true,
);

document.addEventListener(
  'focusin',
  (event) => {
    if (probe.clickAt === null || probe.focusAt !== null) return;
    if (!(event.target instanceof Element) || !event.target.closest('[role="dialog"]')) return;
    probe.focusAt = performance.now();
    probe.focusTag = event.target.tagName.toLowerCase();
    const taskEnd = new MessageChannel();
    taskEnd.port1.onmessage = () => {
      probe.taskEndAt = performance.now();
      taskEnd.port1.close();
    };
    taskEnd.port2.postMessage(0);
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.paintAt = performance.now();
        channel.port1.close();
      };
      channel.port2.postMessage(0);
    });
  },
  true,
);
}
