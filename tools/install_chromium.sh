#!/usr/bin/env bash
# Headless Chromium for step 11's browser test, on Debian or Ubuntu, as root:
#
#     sudo bash tools/install_chromium.sh
#
# Installs Debian's chromium and chromium-driver (the WebDriver the test's Selenium talks to) if
# either is missing. Nothing downloads a browser of its own. Running it again changes nothing.
set -euo pipefail

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
fi
chromium --version
