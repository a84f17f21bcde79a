#!/usr/bin/env bash
# Cross-checks the bench's saturation figures with Debian's wrk (apt-get install wrk): a closed
# model, -t1 -c100 for 20 s, so it reports the most a target answers, not latency at a fixed rate.
#
#   loadtest/wrk/cross-check.sh c URL PATH          pass-through GET (stack: /api/orders/flash-sales/ID; reference: /ping)
#   loadtest/wrk/cross-check.sh a URL SALE [N]      purchases by N fresh shoppers (default 400000, one each)
#   loadtest/wrk/cross-check.sh b URL SALE          sold-out answers, 5,000 late shoppers
#
# SALE is a flash sale id: the stack's as `./flashsale bench` prints them ("sales: ample X, sold
# out Y"), or ref1 / ref0 on the reference. Tokens are signed with $FLASHSALE_JWT_SECRET, else the
# local profile's built-in secret, as the stack (and a reference started with -Dsecret=) verifies.
# WRK_ARGS overrides "-t1 -c100 -d20s".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scenario="${1:-}" url="${2:-}" arg="${3:-}"
[ -n "$scenario" ] && [ -n "$url" ] && [ -n "$arg" ] || { sed -n '2,14p' "$0" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
secret="${FLASHSALE_JWT_SECRET:-local-dev-secret-change-me-0123456789abcdef}"
claims='{"iss":"flashsale-local","roles":[]}'
run="w$(date +%s)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tokens="$work/tokens.lua"
case "$scenario" in
  c) python3 "$here/mint-tokens.py" "$secret" 1 "$tokens" "wrk-$run-browser-" "$claims"
     script=get.lua; export PATH_="$arg" ;;
  a) python3 "$here/mint-tokens.py" "$secret" "${4:-400000}" "$tokens" "wrk-$run-buyer-" "$claims"
     script=purchase.lua; export SALE="$arg" ;;
  b) python3 "$here/mint-tokens.py" "$secret" 5000 "$tokens" "wrk-$run-late-" "$claims"
     script=purchase.lua; export SALE="$arg" ;;
  *) echo "scenario a, b or c, not $scenario" >&2; exit 2 ;;
esac
export TOKENS="$tokens" RUN="$run"
# shellcheck disable=SC2086
exec wrk ${WRK_ARGS:--t1 -c100 -d20s} --latency -s "$here/$script" "$url"
