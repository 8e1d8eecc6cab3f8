#!/usr/bin/env bash
# Run once by the postgres image's entrypoint, when it initialises an empty data directory. Each service gets a
# LOGIN role that owns the schema of the same name and is granted nothing else, so it can use only its own schema.
# Passwords come from the container's environment (docker-compose.yml passes MPAC_DB_PASSWORD_*) and reach psql
# through \getenv, so they never appear on a command line.
set -Eeo pipefail

# role (= schema) : environment variable holding its password
mpac_service_roles=(
  portal:MPAC_DB_PASSWORD_PORTAL
  smarttab:MPAC_DB_PASSWORD_SMARTTAB
  pgw:MPAC_DB_PASSWORD_PGW
  mia:MPAC_DB_PASSWORD_MIA
  mobilepay:MPAC_DB_PASSWORD_MOBILEPAY
  mqpay:MPAC_DB_PASSWORD_MQPAY
  payreq:MPAC_DB_PASSWORD_PAYREQ
)
mpac_psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB")

# Nobody may connect, or create anything in public, unless granted below.
"${mpac_psql[@]}" <<'SQL'
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL

for mpac_entry in "${mpac_service_roles[@]}"; do
  mpac_role=${mpac_entry%%:*}
  mpac_password_var=${mpac_entry#*:}
  if [ -z "${!mpac_password_var:-}" ]; then
    echo "01-create-service-roles.sh: $mpac_password_var is not set" >&2
    exit 1
  fi
  "${mpac_psql[@]}" -v role="$mpac_role" -v password_var="$mpac_password_var" <<'SQL'
\getenv password :password_var
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE SCHEMA :"role" AUTHORIZATION :"role";
GRANT CONNECT ON DATABASE :"DBNAME" TO :"role";
SQL
  echo "01-create-service-roles.sh: role and schema $mpac_role created"
done
