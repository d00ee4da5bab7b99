// The one headless Chromium every web-test-runner config uses: Debian's (or $CHROME_PATH), never a
// downloaded browser, with the background services that would contact other hosts switched off.
import { existsSync } from 'node:fs';
import { playwrightLauncher } from '@web/test-runner-playwright';

const executablePath =
  process.env.CHROME_PATH ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

/** A web-test-runner browser launcher for the system's Chromium. */
export const chromium = () =>
  playwrightLauncher({
    product: 'chromium',
    launchOptions: {
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-default-apps',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  });
