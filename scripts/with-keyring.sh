#!/usr/bin/env bash
# Runs a command inside a throw-away D-Bus session with an unlocked GNOME Keyring (the Secret
# Service the keychain tests need), e.g. `scripts/with-keyring.sh npx vitest run test/e2e/outbox.test.ts`.
# Your desktop keychain is never touched. `npm test` does the same for the whole suite.
set -euo pipefail
exec dbus-run-session -- bash -c 'eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null; export GNOME_KEYRING_CONTROL; exec "$@"' with-keyring "$@"
