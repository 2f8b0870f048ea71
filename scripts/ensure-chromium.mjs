// Makes sure a Chromium exists for the browser suites (TOOLCHAIN.md): CHROMIUM_PATH, /usr/bin/chromium, a Chrome
// on PATH; otherwise, as root with apt-get, installs Debian's chromium, saying so; otherwise explains and fails.
import { execSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let hasApt = false;
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    hasApt = true;
  } catch {
    // no apt-get
  }
  if (isRoot && hasApt) {
    console.log('No Chromium found: installing Debian\'s chromium (apt-get install -y chromium, about a minute)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chrome/Chromium binary.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
