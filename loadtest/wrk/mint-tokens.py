#!/usr/bin/env python3
"""Mint N HS256 JWTs (sub=PREFIX1..PREFIXN) as a Lua table for wrk, signed as the local stack verifies them.
Usage: mint-tokens.py SECRET N OUT PREFIX [extra-claims-json]. From ../shared/bench/mint-tokens.py, with a
subject prefix so that each run can have fresh shoppers (a sale's per-user limit)."""
import base64, hashlib, hmac, json, sys, time
secret, n, out, prefix = sys.argv[1].encode(), int(sys.argv[2]), sys.argv[3], sys.argv[4]
extra = json.loads(sys.argv[5]) if len(sys.argv) > 5 else {}
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
toks = []
for i in range(1, n + 1):
    claims = {"sub": f"{prefix}{i}", "iat": int(time.time()), "exp": int(time.time()) + 7200, **extra}
    body = b64(json.dumps(claims, separators=(",", ":")).encode())
    sig = b64(hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest())
    toks.append(f"{head}.{body}.{sig}")
with open(out, "w") as f:
    f.write("tokens = {\n" + ",\n".join(f'"{t}"' for t in toks) + "\n}\n")
