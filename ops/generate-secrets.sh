#!/usr/bin/env bash
# Fills a settings template with fresh random secrets, so nobody has to generate them one by one:
#
#   ops/generate-secrets.sh env > .env                        # docker-compose: .env from .env.example
#   ops/generate-secrets.sh k8s ops/k8s/overlays/production   # Kubernetes: the overlay's secrets/*.env files
#
# Every `KEY=change-me...` line of the template gets a new value chosen by KEY; every other line (comments, the
# admin e-mail, the sandbox flag) is copied as it is. In k8s mode an existing secrets/*.env is never overwritten:
# the database roles and the sealed secrets depend on those values staying the same.
# Only coreutils and /dev/urandom are used, no openssl.
set -euo pipefail
cd "$(dirname "$0")/.."

random_base64() { head -c "$1" /dev/urandom | base64 -w0; }
# URL- and shell-safe: no + / = (and so none of the `:` `,` `|` that separate MPAC_PLATFORM_KEYS' parts).
random_token() { random_base64 "$1" | tr '+/' '-_' | tr -d '='; }
random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

platform_keys() {
    local entries=() entry
    for entry in svc-portal:portal svc-smarttab:smarttab mpac-pgw:pgw mia-pos-gateway:mia \
                 mobilepay-adapter:mobilepay mq-pay:mqpay payment-request:payreq; do
        entries+=("${entry%%:*}:mpk_${entry#*:}_$(random_hex 8):mps_$(random_token 32)")
    done
    (IFS=,; echo "${entries[*]}")
}

# The new value of one placeholder, by the name of its key.
secret_for() {
    case "$1" in
        MPAC_PLATFORM_KEYS) platform_keys ;;
        MPAC_MASTER_KEY) random_base64 32 ;;
        MPAC_SMARTTAB_WEBHOOK_SECRET | MPAC_MQPAY_WEBHOOK_SECRET | MPAC_MOBILEPAY_WEBHOOK_SECRET)
            echo "whsec_$(random_base64 32)" ;;
        MPAC_ADMIN_PASSWORD) random_token 18 ;;
        POSTGRES_PASSWORD | MPAC_DB_PASSWORD_* | password) random_token 24 ;;
        *) echo "generate-secrets.sh: no generator for $1" >&2; return 1 ;;
    esac
}

fill() {
    local line key
    while IFS= read -r line || [ -n "$line" ]; do
        key=${line%%=*}
        if [[ $line != \#* && $line == *=change-me* ]]; then
            echo "$key=$(secret_for "$key")"
        else
            echo "$line"
        fi
    done < "$1"
}

case "${1:-}" in
    env)
        fill .env.example
        ;;
    k8s)
        overlay=${2:?usage: ops/generate-secrets.sh k8s <overlay directory>}
        shopt -s nullglob
        templates=("$overlay"/secrets/*.env.example)
        [ ${#templates[@]} -gt 0 ] || { echo "generate-secrets.sh: no secrets/*.env.example in $overlay" >&2; exit 1; }
        umask 077
        for template in "${templates[@]}"; do
            target=${template%.example}
            if [ -e "$target" ]; then
                echo "kept      $target"
            else
                fill "$template" > "$target"
                echo "generated $target"
            fi
        done
        ;;
    *)
        sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
