import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium; CI installs it (`apt-get install -y chromium`). A test tool's own download fails here. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser tests of `file` can run; warns once when they cannot, so a skipped browser
 * suite is visible in the output rather than silently absent.
 */
export function chromiumAvailable(file: string): boolean {
  const present = existsSync(CHROMIUM);
  if (!present)
    console.warn(`${file}: browser tests skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);
  return present;
}

// Headless, as root, on a machine without network: no sandbox, GPU, QUIC or background traffic.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
