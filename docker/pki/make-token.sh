#!/usr/bin/env bash
# A bearer token from the demo issuer of make-certs.sh (RS256, issuer https://regent.demo/issuer, audience regent).
#
#   docker/pki/make-token.sh <subject> <scope>...      e.g.  make-token.sh ops-alice regent.operate regent.read
#   TTL=600 docker/pki/make-token.sh app regent.read regent.write      # lifetime in seconds (default 3600)
#
# Scopes: regent.read, regent.write (business), regent.audit, regent.operate. In production your identity provider
# issues the tokens; this is for trying the compose topology.
set -euo pipefail
out="${OUT:-$(cd "$(dirname "$0")" && pwd)/out}"
[ $# -ge 2 ] || { echo "usage: $0 <subject> <scope>..." >&2; exit 2; }
subject="$1"; shift
now=$(date +%s); ttl="${TTL:-3600}"
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
kid=$(openssl rsa -in "$out/issuer-key.pem" -pubout 2>/dev/null | openssl dgst -sha256 -binary | b64url | cut -c1-16)
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$kid" | b64url)
payload=$(printf '{"iss":"https://regent.demo/issuer","aud":"regent","sub":"%s","scope":"%s","iat":%d,"exp":%d,"jti":"%s"}' \
  "$subject" "$*" "$now" "$((now + ttl))" "$(openssl rand -hex 12)" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$out/issuer-key.pem" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
