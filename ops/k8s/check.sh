#!/usr/bin/env bash
# CI check of the Kubernetes manifests, without a cluster: renders every overlay with `kubectl kustomize` and checks
# the invariants in check_manifests.py (probes, requests and limits, HPAs and PDBs, Secrets only by reference, ports,
# the CloudNativePG roles), that no secret value is committed, and that docker-compose.yml sets the same variables.
# Needs kubectl (with its built-in kustomize), python3 with PyYAML and, for the compose part, docker-compose.
#
#   ops/k8s/check.sh
#
# Renders from a copy in which every secrets/*.env is made from its committed .env.example, so the result does not
# depend on (and never prints) the secrets of the machine it runs on.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

# A python3 with PyYAML: the one on PATH, else Debian's (python3-yaml comes with the docker-compose package that CI
# installs), else install python3-yaml the way .ci/run installs docker-compose.
python=
for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
        python=$candidate
        break
    fi
done
if [ -z "$python" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends python3-yaml >/dev/null
    python=/usr/bin/python3
fi
[ -n "$python" ] || { echo "ops/k8s/check.sh needs python3 with PyYAML (Debian: python3-yaml)" >&2; exit 1; }
command -v kubectl >/dev/null 2>&1 || { echo "ops/k8s/check.sh needs kubectl (v1.27+, with kustomize)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# Committed files hold no secrets: each template value is a change-me placeholder (the admin's e-mail aside), no
# secrets/*.env is tracked, and no manifest carries Secret data of its own.
for template in overlays/*/secrets/*.env.example; do
    while IFS='=' read -r key value; do
        case "$key" in '' | \#*) continue ;; esac
        if [ "$key" != MPAC_ADMIN_EMAIL ] && [[ $value != change-me* ]]; then
            echo "  $template: $key is not a change-me placeholder" >&2
            failed=1
        fi
    done < "$template"
done
if git -C "$here" ls-files --error-unmatch 'overlays/*/secrets/*.env' >/dev/null 2>&1; then
    echo "  a secrets/*.env file is committed: $(git -C "$here" ls-files 'overlays/*/secrets/*.env' | tr '\n' ' ')" >&2
    failed=1
fi
if grep -rlE '^kind: Secret' --include='*.yaml' base overlays >/dev/null; then
    echo "  a Secret manifest is committed; Secrets come from the overlays' secretGenerator" >&2
    failed=1
fi
# The only literal a secretGenerator may carry is the database role's name.
if ! "$python" - overlays/*/kustomization.yaml <<'PY'
import re, sys, yaml
bad = [f"{path}: {generator['name']}: {literal.split('=')[0]}" for path in sys.argv[1:]
       for generator in (yaml.safe_load(open(path)) or {}).get("secretGenerator", [])
       for literal in generator.get("literals", []) if not re.fullmatch(r"username=[a-z]+", literal)]
for line in bad:
    print(f"  {line}: a secretGenerator literal other than username=<role>", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
then
    failed=1
fi

cp -R base overlays "$work"/
find "$work/overlays" -path '*/secrets/*.env' -delete
for template in "$work"/overlays/*/secrets/*.env.example; do
    cp "$template" "${template%.example}"
done

for overlay_dir in "$work"/overlays/*/; do
    overlay=$(basename "$overlay_dir")
    if ! kubectl kustomize "$overlay_dir" > "$work/$overlay.yaml"; then
        echo "overlays/$overlay: kubectl kustomize failed" >&2
        failed=1
        continue
    fi
    summary=$("$python" - "$work/$overlay.yaml" <<'PY'
import collections, sys, yaml
kinds = collections.Counter(d["kind"] for d in yaml.safe_load_all(open(sys.argv[1])) if d)
print(", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
PY
)
    if "$python" "$here/check_manifests.py" "$overlay" "$work/$overlay.yaml"; then
        echo "overlays/$overlay: renders, invariants hold ($summary)"
    else
        echo "overlays/$overlay: invariants broken (above)" >&2
        failed=1
    fi
done

# docker-compose gives each service what the launcher and these manifests do (CI installs docker-compose first).
if command -v docker-compose >/dev/null 2>&1; then
    if docker-compose -f "$here/../../docker-compose.yml" --env-file "$here/../../.env.example" config > "$work/compose.yaml" \
        && "$python" "$here/check_manifests.py" compose "$work/compose.yaml"; then
        echo "docker-compose.yml: every service gets the launcher's variables"
    else
        echo "docker-compose.yml: variables missing (above)" >&2
        failed=1
    fi
else
    echo "docker-compose.yml: not checked (no docker-compose on PATH)"
fi

if [ "$failed" -ne 0 ]; then
    echo "ops/k8s/check.sh: FAILED" >&2
    exit 1
fi
echo "ops/k8s/check.sh: all overlays render and pass"
