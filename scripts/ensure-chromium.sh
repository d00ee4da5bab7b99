#!/usr/bin/env bash
# The browser tests drive Debian's Chromium; nothing downloads a browser. Finds it, installs it as root
# with apt, or says the one command to run.
set -euo pipefail
for c in "${CHROME_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$c" ] && [ -x "$c" ]; then exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium not found: installing Debian's chromium with apt-get (once)."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium. Install it with:  sudo apt-get install -y chromium" >&2
echo "(or point CHROME_PATH at a Chromium/Chrome binary)" >&2
exit 1
