# Sourced by the screenshot/print scripts: headless Chromium, offline, with a throw-away profile.
# headless ARGS... — runs the browser (60 s limit, output discarded) with the common flags.
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "chromium not found: install it with 'apt-get install -y chromium'" >&2
  exit 3
fi
headless_tmp=$(mktemp -d)
trap 'rm -rf "$headless_tmp"' EXIT

headless() {
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$headless_tmp/profile" "$@" >/dev/null 2>&1
}

# abs_path PATH — PATH made absolute (its folder must exist).
abs_path() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
