#!/usr/bin/env bash
# Makes what docker/compose.yml mounts: a CA, one certificate per region for its peer listener (mutual TLS between
# regions), and a demo token issuer's key with its public JWK set. Everything goes to docker/pki/out/ (git-ignored).
#
#   docker/pki/make-certs.sh                 # regions eu us apac, services regent-<region>
#   REGIONS="eu us apac sa" docker/pki/make-certs.sh
#
# The services run as UID 10001 and must read their own key: run this as root (or with sudo), and it hands each key
# to 10001 with mode 0600; otherwise chown them yourself. Keys are never world-readable.
# In production, use your PKI and your identity provider instead: the certificate needs the URI subject alternative
# name spiffe://regent/region/<region> (the region's identity) and the DNS name peers use to reach it.
# Rotation: run it again and restart the regions (a new CA needs every region restarted; see the README).
set -euo pipefail
umask 077
here="$(cd "$(dirname "$0")" && pwd)"
out="${OUT:-$here/out}"
regions="${REGIONS:-eu us apac}"
days="${DAYS:-90}"
owner="${REGENT_PKI_OWNER:-10001}"
mkdir -p "$out"
cd "$out"

if [ ! -f ca.pem ] || [ "${NEW_CA:-0}" = 1 ]; then
  openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out ca-key.pem
  openssl req -x509 -new -key ca-key.pem -sha256 -days "$((days * 4))" -subj "/CN=Regent peer CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out ca.pem
  echo "CA: $out/ca.pem (its key ca-key.pem signs peers: keep it offline)"
fi

for region in $regions; do
  openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$region-key.pem"
  openssl req -new -key "$region-key.pem" -subj "/CN=regent-$region" -out "$region.csr"
  cat > "$region.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyAgreement
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=URI:spiffe://regent/region/$region,DNS:regent-$region,DNS:localhost
EXT
  openssl x509 -req -in "$region.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days "$days" -sha256 \
    -extfile "$region.ext" -out "$region.pem"
  rm -f "$region.csr" "$region.ext"
  echo "Region $region: $out/$region.pem, $out/$region-key.pem"
done

# The demo token issuer: an RSA key (for make-token.sh) and its public half as a JWK set (for the regions).
if [ ! -f issuer-key.pem ] || [ "${NEW_ISSUER:-0}" = 1 ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out issuer-key.pem 2>/dev/null
fi
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
hex=$(openssl rsa -in issuer-key.pem -noout -modulus 2>/dev/null | cut -d= -f2)
modulus=$(printf "$(printf '%s' "$hex" | sed 's/../\\x&/g')" | b64url)
kid=$(openssl rsa -in issuer-key.pem -pubout 2>/dev/null | openssl dgst -sha256 -binary | b64url | cut -c1-16)
printf '{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","e":"AQAB","n":"%s"}]}\n' "$kid" "$modulus" \
  > jwks.json
chmod 0755 .
chmod 0644 ca.pem jwks.json
chmod 0600 ./*-key.pem
for region in $regions; do
  chmod 0644 "$region.pem"
  if [ "$(id -u)" = 0 ]; then
    chown "$owner" "$region-key.pem"   # the service's own key, readable by the service only
  fi
done
if [ "$(id -u)" != 0 ]; then
  echo "Not root: the region keys belong to $(id -un); the services (UID $owner) must read them:"
  echo "  sudo chown $owner $out/{$(echo $regions | tr ' ' ',')}-key.pem"
fi
echo "Issuer: $out/jwks.json (public keys, for REGENT_JWT_JWK_SET); tokens: docker/pki/make-token.sh"
