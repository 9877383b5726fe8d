#!/usr/bin/env bash
# Installs Debian's Chromium and its WebDriver when missing: the Cockpit plugin's browser test
# (CockpitMessagesTabBrowserTest) drives them, and under CI=true it fails rather than skips without them.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
echo "Installing chromium and chromium-driver"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
chromium --version
chromedriver --version
