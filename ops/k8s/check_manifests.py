#!/usr/bin/env python3
"""Checks one rendered overlay (the output of `kubectl kustomize`) against what the platform needs from it, or
the resolved docker-compose file (`docker-compose config`) against the same list of variables the launcher sets.

Usage: check_manifests.py <overlay name: local|production> <rendered.yaml>
       check_manifests.py compose <resolved docker-compose.yml>

Prints one line per problem and exits 1 if there is any. Called by check.sh; needs PyYAML only.
"""
import re
import sys
from urllib.parse import urlparse

import yaml

# The platform's services (PLATFORM.md): name, database role/schema, port.
SERVICES = {
    "svc-portal": ("portal", 8081),
    "svc-smarttab": ("smarttab", 8082),
    "mpac-pgw": ("pgw", 8083),
    "mia-pos-gateway": ("mia", 8084),
    "mobilepay-adapter": ("mobilepay", 8085),
    "mq-pay": ("mqpay", 8086),
    "payment-request": ("payreq", 8087),
}
URL_VARIABLES = {"MPAC_PORTAL_URL": "svc-portal", "MPAC_SMARTTAB_URL": "svc-smarttab", "MPAC_PGW_URL": "mpac-pgw",
                 "MPAC_MIA_URL": "mia-pos-gateway", "MPAC_MOBILEPAY_URL": "mobilepay-adapter",
                 "MPAC_MQPAY_URL": "mq-pay", "MPAC_PAYREQ_URL": "payment-request"}
# Services that must run as exactly one replica (none: every service is stateless beyond its database).
SINGLE_INSTANCE = set()
# Variables every service gets, and where from.
FROM_SECRET = {"SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "MPAC_PLATFORM_KEYS", "MPAC_MASTER_KEY"}
OWN_SECRETS = {"svc-portal": {"MPAC_ADMIN_EMAIL", "MPAC_ADMIN_PASSWORD"},
               "svc-smarttab": {"MPAC_SMARTTAB_WEBHOOK_SECRET"},
               "mpac-pgw": {"MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_SECRET", "MPAC_MQPAY_WEBHOOK_SECRET",
                            "MPAC_MOBILEPAY_WEBHOOK_SECRET"},
               "mq-pay": {"MPAC_MQPAY_WEBHOOK_SECRET"},
               "mobilepay-adapter": {"MPAC_MOBILEPAY_WEBHOOK_SECRET"}}
FROM_CONFIG_MAP = {"SPRING_DATASOURCE_URL", "MPAC_DB_POOL_SIZE", "MPAC_SANDBOX_ENABLED", "JAVA_TOOL_OPTIONS",
                   *URL_VARIABLES}
SECRET_NAME = re.compile(r"PASSWORD|SECRET|MASTER_KEY|PLATFORM_KEYS|TOKEN", re.I)

problems = []


def problem(message):
    problems.append(message)


def matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def main(overlay, path):
    with open(path, encoding="utf-8") as file:
        docs = [doc for doc in yaml.safe_load_all(file) if doc]
    by_kind = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], []).append(doc)

    def named(kind, name):
        return next((d for d in by_kind.get(kind, []) if d["metadata"]["name"] == name), None)

    deployments = {d["metadata"]["name"]: d for d in by_kind.get("Deployment", [])}
    services = {s["metadata"]["name"]: s for s in by_kind.get("Service", [])}
    config_maps = {c["metadata"]["name"]: c for c in by_kind.get("ConfigMap", [])}
    secrets = {s["metadata"]["name"]: s for s in by_kind.get("Secret", [])}
    hpas = by_kind.get("HorizontalPodAutoscaler", [])
    pdbs = by_kind.get("PodDisruptionBudget", [])
    clusters = by_kind.get("Cluster", [])

    if set(deployments) != set(SERVICES):
        problem(f"Deployments {sorted(deployments)} are not the seven services {sorted(SERVICES)}")

    # --- PostgreSQL: one CloudNativePG Cluster, one managed role per service ------------------------------------
    if len(clusters) != 1 or clusters[0]["apiVersion"] != "postgresql.cnpg.io/v1":
        problem("expected exactly one postgresql.cnpg.io/v1 Cluster")
        return
    cluster = clusters[0]
    cluster_name = cluster["metadata"]["name"]
    instances = cluster["spec"]["instances"]
    if overlay == "production" and instances < 3:
        problem(f"Cluster {cluster_name}: production needs 3 instances, has {instances}")
    roles = {r["name"]: r for r in cluster["spec"].get("managed", {}).get("roles", [])}
    sql = "\n".join(cluster["spec"]["bootstrap"]["initdb"].get("postInitApplicationSQL", []))
    for service, (role, _) in SERVICES.items():
        managed = roles.get(role)
        if not managed or not managed.get("login") or managed.get("ensure", "present") != "present":
            problem(f"Cluster {cluster_name}: no managed LOGIN role {role} for {service}")
            continue
        secret = secrets.get(managed.get("passwordSecret", {}).get("name"))
        if not secret or secret.get("type") != "kubernetes.io/basic-auth" or "password" not in secret.get("data", {}):
            problem(f"Cluster {cluster_name}: role {role}'s passwordSecret is not a rendered basic-auth Secret")
        elif decoded(secret, "username") != role:
            problem(f"Secret {secret['metadata']['name']}: username is not {role}")
        if f"CREATE SCHEMA {role} AUTHORIZATION {role}" not in sql:
            problem(f"Cluster {cluster_name}: postInitApplicationSQL creates no schema {role} owned by {role}")

    # --- Shared configuration -----------------------------------------------------------------------------------
    config = config_maps.get(next((n for n in config_maps if n.startswith("mpac-platform-config")), ""), {})
    data = config.get("data", {})
    for key, value in data.items():
        if SECRET_NAME.search(key):
            problem(f"ConfigMap {config['metadata']['name']}: {key} looks like a secret; it belongs in a Secret")
    for variable, service in URL_VARIABLES.items():
        url = urlparse(data.get(variable, ""))
        target = services.get(url.hostname or "")
        if url.hostname != service or not target or url.port not in port_numbers(target):
            problem(f"ConfigMap: {variable}={data.get(variable)} is not the Service {service} on its port")
    jdbc = data.get("SPRING_DATASOURCE_URL", "")
    if not jdbc.startswith(f"jdbc:postgresql://{cluster_name}-rw:5432/"):
        problem(f"ConfigMap: SPRING_DATASOURCE_URL={jdbc} is not the Cluster's read-write Service {cluster_name}-rw")
    sandbox = {"local": "true", "production": "false"}[overlay]
    if data.get("MPAC_SANDBOX_ENABLED") != sandbox:
        problem(f"ConfigMap: MPAC_SANDBOX_ENABLED must be {sandbox} in {overlay}")
    if "MaxRAMPercentage" not in data.get("JAVA_TOOL_OPTIONS", ""):
        problem("ConfigMap: JAVA_TOOL_OPTIONS sets no -XX:MaxRAMPercentage")

    # --- Each service -------------------------------------------------------------------------------------------
    for name, deployment in deployments.items():
        role, port = SERVICES.get(name, (None, None))
        spec = deployment["spec"]
        pod = spec["template"]["spec"]
        labels = spec["template"]["metadata"].get("labels", {})
        where = f"Deployment {name}"
        if not matches(spec["selector"].get("matchLabels"), labels):
            problem(f"{where}: selector does not match its pod labels")
        pod_security = pod.get("securityContext", {})
        if pod_security.get("runAsNonRoot") is not True or not pod_security.get("runAsUser"):
            problem(f"{where}: pod must set runAsNonRoot and a numeric runAsUser")
        if pod.get("automountServiceAccountToken") is not False:
            problem(f"{where}: the services never call the Kubernetes API; set automountServiceAccountToken: false")
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        containers = pod["containers"]
        if len(containers) != 1:
            problem(f"{where}: expected one container")
        for container in containers:
            at = f"{where}, container {container['name']}"
            image = container.get("image", "")
            repository, _, tag = image.rpartition(":")
            if not repository.endswith(f"mpac/{name}") or not tag or tag == "latest":
                problem(f"{at}: image {image} is not mpac/{name}:<release tag>")
            for probe, path in (("readinessProbe", "/actuator/health/readiness"),
                                ("livenessProbe", "/actuator/health/liveness"),
                                ("startupProbe", "/actuator/health/liveness")):
                get = container.get(probe, {}).get("httpGet", {})
                if get.get("path") != path or not resolves(get.get("port"), container):
                    problem(f"{at}: {probe} must be an httpGet of {path} on a container port")
            resources = container.get("resources", {})
            for part in ("requests", "limits"):
                for resource in ("cpu", "memory"):
                    if resource not in resources.get(part, {}):
                        problem(f"{at}: no {resource} in resources.{part}")
            security = container.get("securityContext", {})
            if security.get("readOnlyRootFilesystem") is not True or security.get("allowPrivilegeEscalation") is not False:
                problem(f"{at}: needs readOnlyRootFilesystem: true and allowPrivilegeEscalation: false")
            tmp = next((m for m in container.get("volumeMounts", []) if m["mountPath"] == "/tmp"), None)
            if not tmp or "emptyDir" not in volumes.get(tmp["name"], {}):
                problem(f"{at}: /tmp must be an emptyDir (the root filesystem is read-only)")
            ports = [p["containerPort"] for p in container.get("ports", [])]
            if ports != [port]:
                problem(f"{at}: container ports {ports}, expected [{port}]")

            env = {e["name"]: e for e in container.get("env", [])}
            if env.get("SERVER_PORT", {}).get("value") != str(port):
                problem(f"{at}: SERVER_PORT is not {port}")
            from_config = set()
            for source in container.get("envFrom", []):
                if "secretRef" in source:
                    problem(f"{at}: envFrom a Secret exposes every key; take the ones needed with secretKeyRef")
                ref = source.get("configMapRef", {}).get("name")
                if ref not in config_maps:
                    problem(f"{at}: envFrom ConfigMap {ref} is not rendered")
                else:
                    from_config |= set(config_maps[ref].get("data", {}))
            for variable in sorted(FROM_CONFIG_MAP - from_config - set(env)):
                problem(f"{at}: {variable} is not set")
            for variable in sorted(FROM_SECRET | OWN_SECRETS.get(name, set())):
                if variable not in env:
                    problem(f"{at}: {variable} is not set")
            for variable, entry in env.items():
                ref = entry.get("valueFrom", {}).get("secretKeyRef")
                if "value" in entry and SECRET_NAME.search(variable):
                    problem(f"{at}: {variable} has a literal value; secrets come from a Secret")
                if ref:
                    secret = secrets.get(ref["name"])
                    if not secret or ref["key"] not in secret.get("data", {}):
                        problem(f"{at}: {variable} refers to {ref['name']}/{ref['key']}, which is not rendered")
            db_user = env.get("SPRING_DATASOURCE_USERNAME", {}).get("valueFrom", {}).get("secretKeyRef", {})
            if roles.get(role) and db_user.get("name") != roles[role].get("passwordSecret", {}).get("name"):
                problem(f"{at}: the database credentials are not role {role}'s Secret, the one the Cluster manages")
            if name == "mpac-pgw":
                subscriber = urlparse(env.get("MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_URL", {}).get("value", ""))
                if subscriber.hostname != "svc-smarttab" or subscriber.port not in port_numbers(services.get("svc-smarttab", {})):
                    problem(f"{at}: the platform subscriber URL is not the svc-smarttab Service")

        service = services.get(name)
        if not service:
            problem(f"{where}: no Service {name}")
        else:
            if not matches(service["spec"].get("selector"), labels):
                problem(f"Service {name}: selector does not select Deployment {name}'s pods")
            for service_port in service["spec"]["ports"]:
                if service_port["port"] != port or not resolves(service_port.get("targetPort", service_port["port"]), containers[0]):
                    problem(f"Service {name}: port {service_port['port']} -> {service_port.get('targetPort')} "
                            f"is not the container's port {port}")

        replicas = spec.get("replicas", 1)
        hpa = [h for h in hpas if h["spec"]["scaleTargetRef"]["name"] == name
               and h["spec"]["scaleTargetRef"]["kind"] == "Deployment"]
        pdb = [p for p in pdbs if matches(p["spec"]["selector"].get("matchLabels"), labels)]
        if replicas >= 2 and not (len(pdb) == 1 and pdb[0]["spec"].get("minAvailable") == 1):
            problem(f"{where}: {replicas} replicas need one PodDisruptionBudget with minAvailable 1")
        if replicas < 2 and pdb:
            problem(f"{where}: a PodDisruptionBudget on a single replica blocks every node drain")
        if overlay == "local":
            if replicas != 1 or hpa:
                problem(f"{where}: the local overlay runs exactly one replica, without an HPA")
        elif name in SINGLE_INSTANCE:
            if replicas != 1 or hpa:
                problem(f"{where}: runs as one replica (in-memory WebSocket sessions), without an HPA")
        else:
            if replicas < 2:
                problem(f"{where}: production runs at least 2 replicas, not {replicas}")
            if len(hpa) != 1:
                problem(f"{where}: production needs one HorizontalPodAutoscaler")
            else:
                h = hpa[0]["spec"]
                cpu = [m for m in h.get("metrics", []) if m.get("resource", {}).get("name") == "cpu"]
                if h.get("minReplicas", 1) < 2 or h["maxReplicas"] < h["minReplicas"] or not cpu:
                    problem(f"{where}: its HPA needs minReplicas >= 2, maxReplicas >= minReplicas and a CPU target")
                if h.get("minReplicas", 1) > replicas:
                    problem(f"{where}: replicas {replicas} is below its HPA's minReplicas")


def check_compose(path):
    """Every variable the launcher gives a service is in its compose environment, with compose's host names."""
    with open(path, encoding="utf-8") as file:
        services = yaml.safe_load(file)["services"]
    for name, (role, port) in SERVICES.items():
        if name not in services:
            problem(f"service {name} is missing")
            continue
        env = services[name].get("environment", {})
        for variable in sorted(FROM_SECRET | FROM_CONFIG_MAP | OWN_SECRETS.get(name, set()) | {"SERVER_PORT"}):
            if variable == "JAVA_TOOL_OPTIONS":
                continue  # the Dockerfile's ENV
            if not env.get(variable):
                problem(f"service {name}: {variable} is not set")
        if str(env.get("SERVER_PORT")) != str(port) or env.get("SPRING_DATASOURCE_USERNAME") != role:
            problem(f"service {name}: SERVER_PORT must be {port} and the database role {role}")
        for variable, target in URL_VARIABLES.items():
            url = urlparse(env.get(variable, ""))
            if url.hostname != target or url.port != SERVICES[target][1]:
                problem(f"service {name}: {variable}={env.get(variable)} is not http://{target}:{SERVICES[target][1]}")
    pgw = services.get("mpac-pgw", {}).get("environment", {})
    smarttab = services.get("svc-smarttab", {}).get("environment", {})
    if pgw.get("MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_SECRET") != smarttab.get("MPAC_SMARTTAB_WEBHOOK_SECRET"):
        problem("mpac-pgw's platform subscriber secret is not svc-smarttab's webhook secret")
    if urlparse(pgw.get("MPAC_PGW_WEBHOOKS_PLATFORMSUBSCRIBERS_0_URL", "")).netloc != "svc-smarttab:8082":
        problem("mpac-pgw's platform subscriber URL is not svc-smarttab:8082")


def port_numbers(service):
    return {p["port"] for p in service.get("spec", {}).get("ports", [])}


def resolves(port, container):
    """True when a probe's or Service's port (a number or a name) is one of the container's ports."""
    return any(port in (p["containerPort"], p.get("name")) for p in container.get("ports", []))


def decoded(secret, key):
    import base64
    value = secret.get("data", {}).get(key)
    return base64.b64decode(value).decode() if value is not None else None


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("local", "production", "compose"):
        sys.exit(__doc__)
    if sys.argv[1] == "compose":
        check_compose(sys.argv[2])
    else:
        main(sys.argv[1], sys.argv[2])
    for line in problems:
        print(f"  {sys.argv[1]}: {line}")
    sys.exit(1 if problems else 0)
