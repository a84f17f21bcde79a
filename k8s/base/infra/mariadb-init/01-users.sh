#!/bin/bash
# One schema and one user per service, each user on its own schema only (as the dev stack does:
# devstack MariaDbComponent). Passwords come from the environment (deploy/.env for compose, the flashsale-db-env Secret in Kubernetes), never from here.
set -euo pipefail
privileges="SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES, CREATE VIEW, SHOW VIEW, TRIGGER, CREATE ROUTINE, ALTER ROUTINE, EXECUTE, LOCK TABLES, CREATE TEMPORARY TABLES"
for pair in orders:order_service:ORDER payments:payment_service:PAYMENT marketing:marketing_service:MARKETING inventory:inventory_service:INVENTORY; do
  IFS=: read -r schema user var <<<"$pair"
  password_var="FLASHSALE_${var}_DB_PASSWORD"
  password="${!password_var:?set ${password_var} in deploy/.env}"
  mariadb -uroot -p"${MARIADB_ROOT_PASSWORD}" <<SQL
CREATE DATABASE IF NOT EXISTS \`${schema}\`;
CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY '${password}';
GRANT ${privileges} ON \`${schema}\`.* TO '${user}'@'%';
SQL
done
