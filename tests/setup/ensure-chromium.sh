#!/usr/bin/env bash
# End-to-end tests drive a system Chromium: Playwright cannot download its own browser on
# these machines. Installs Debian's package when it is missing and we may (root), otherwise
# says what to do.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
	[ -x "$CHROMIUM_PATH" ] && exit 0
	echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2
	exit 1
fi
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "Installing Chromium from Debian's packages for the end-to-end tests…"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	exit 0
fi
echo "The end-to-end tests need Chromium: install Debian's 'chromium' package, or set" >&2
echo "CHROMIUM_PATH to a Chromium or Chrome executable." >&2
exit 1
