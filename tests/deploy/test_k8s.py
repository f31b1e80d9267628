"""deploy/k8s: rendered overlays valid against the Kubernetes schemas, checkov-clean, and shaped as
issue 7 asks (probes, limits, restricted pods, network isolation, replication)."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crd_schemas import SCHEMAS
from deploy_support import (
    CONSOLE,
    K8S,
    NATS_SERVER,
    OVERLAYS,
    PROCESSES,
    ROOT,
    SERVICES,
    TOOLS,
    find,
    missing_tool,
    nats_password_variable,
    of_kind,
)

KUBERNETES_VERSION = "1.33"
NAMESPACES = {"dev": "agora-dev", "prod": "agora"}
MIGRATION_DIRS = {
    "actors": "/app/services/actors",
    "funding": "/app/services/funding",
    "evaluation": "/app/services/evaluation",
    "gateway": "/app/gateway",
}
# Checkov checks skipped by an annotation on the resource; each skip must carry this reason.
JUSTIFIED_SKIPS = {
    "CKV_K8S_43": "Images are built per release by the operator",
    "CKV_K8S_35": "The processes read settings from environment variables only",
}

Resources = list[dict[str, Any]]
CARELESS = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: careless
  namespace: agora
spec:
  selector:
    matchLabels: {app: careless}
  template:
    metadata:
      labels: {app: careless}
    spec:
      containers:
        - name: careless
          image: agora/careless:latest
"""


# --- Kubernetes schemas ---------------------------------------------------------------------


def schema_problems(resource: dict[str, Any]) -> list[str]:
    """Strict Kubernetes schema for built-in kinds; crd_schemas for the CloudNativePG kinds."""
    name = f"{resource['kind']}/{resource['metadata']['name']}"
    custom = SCHEMAS.get((resource["apiVersion"], resource["kind"]))
    if custom is not None:
        validator = jsonschema.Draft202012Validator(custom)
        return [f"{name}: {e.message}" for e in validator.iter_errors(resource)]
    try:
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        return [f"{name}: {'.'.join(map(str, error.path))}: {error.message}"]
    return []


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_rendered_resource_matches_its_schema(
    rendered: dict[str, Resources], overlay: str
) -> None:
    resources = rendered[overlay]
    problems = [problem for resource in resources for problem in schema_problems(resource)]
    assert problems == []
    kinds = {r["kind"] for r in resources}
    assert {"Deployment", "Service", "Job", "NetworkPolicy", "Cluster"} <= kinds
    assert len(resources) >= 49


def test_schema_validation_catches_mistakes(rendered: dict[str, Resources]) -> None:
    deployment = copy.deepcopy(find(rendered["prod"], "Deployment", "actors"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {
        "httpGet": {"path": "/readyz", "port": "http"}
    }
    deployment["spec"]["replicas"] = "three"
    cluster = copy.deepcopy(find(rendered["prod"], "Cluster", "actors-db"))
    cluster["spec"]["storage"]["sise"] = "10Gi"
    backup = copy.deepcopy(find(rendered["prod"], "ScheduledBackup", "actors-db-daily"))
    backup["spec"]["schedule"] = "0 2 * * *"
    assert schema_problems(deployment)
    assert schema_problems(cluster)
    assert schema_problems(backup)


# --- checkov --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def checkov_report(rendered_text: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Any:
    checkov = TOOLS / "bin" / "checkov"
    if not checkov.exists():
        missing_tool("checkov (in .venv-tools)")
    directory = tmp_path_factory.mktemp("rendered")
    arguments = [str(checkov), "--skip-download", "--output", "json"]
    arguments += ["--framework", "kubernetes", "dockerfile"]
    for overlay, text in rendered_text.items():
        (directory / f"{overlay}.yaml").write_text(text)
        arguments += ["--file", str(directory / f"{overlay}.yaml")]
    arguments += ["--file", str(ROOT / "Dockerfile")]
    # A control: checkov must flag a careless Deployment scanned in the same run.
    (directory / "careless.yaml").write_text(CARELESS)
    arguments += ["--file", str(directory / "careless.yaml")]
    environment = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "HOME": str(directory)}
    result = subprocess.run(
        arguments, capture_output=True, text=True, check=False, env=environment, cwd=directory
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    report = json.loads(result.stdout)
    return report if isinstance(report, list) else [report]


def test_checkov_finds_no_misconfiguration(checkov_report: Any) -> None:
    by_framework = {run["check_type"]: run for run in checkov_report}
    assert set(by_framework) == {"kubernetes", "dockerfile"}
    for framework, run in by_framework.items():
        assert run["summary"]["parsing_errors"] == 0
        failed = [
            f"{c['check_id']} {c['resource']}"
            for c in run["results"]["failed_checks"]
            if not c["file_path"].endswith("careless.yaml")
        ]
        assert failed == [], framework
        passed = [c for c in run["results"]["passed_checks"] if "careless" not in c["file_path"]]
        assert len(passed) > 100, framework
        for skipped in run["results"]["skipped_checks"]:
            reason = JUSTIFIED_SKIPS.get(skipped["check_id"])
            assert reason, f"unjustified skip {skipped['check_id']} on {skipped['resource']}"
            assert reason in skipped["check_result"]["suppress_comment"]
    careless = {
        c["check_id"]
        for c in by_framework["kubernetes"]["results"]["failed_checks"]
        if c["file_path"].endswith("careless.yaml")
    }
    assert {"CKV_K8S_20", "CKV_K8S_22", "CKV_K8S_8", "CKV_K8S_11"} <= careless


# --- workloads ------------------------------------------------------------------------------


def pod_specs(resources: Resources) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{r['kind']}/{r['metadata']['name']}", r["spec"]["template"]["spec"])
        for r in resources
        if r["kind"] in ("Deployment", "Job")
    ]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pods_are_restricted_and_bounded(rendered: dict[str, Resources], overlay: str) -> None:
    specs = pod_specs(rendered[overlay])
    assert len(specs) == 2 * len(PROCESSES) + 1  # a server and a migration each; the console
    for name, spec in specs:
        assert spec["automountServiceAccountToken"] is False, name
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        for container in spec["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["capabilities"] == {"drop": ["ALL"]}, name
            assert context["runAsUser"] >= 10000, name
            for bound in ("requests", "limits"):
                assert set(container["resources"][bound]) == {"cpu", "memory"}, name
            assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"], name


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_process_has_probes_service_autoscaler_and_disruption_budget(
    rendered: dict[str, Resources], overlay: str
) -> None:
    resources = rendered[overlay]
    tag = {"dev": "dev", "prod": "1.0.0"}[overlay]
    for process in PROCESSES:
        deployment = find(resources, "Deployment", process)
        pod = deployment["spec"]["template"]
        container = pod["spec"]["containers"][0]
        assert container["image"].endswith(f"agora/{process}:{tag}")
        # The services' probes use their plain probe port: 8000 wants the gateway's certificate.
        probe_port = "http" if process == "gateway" else "health"
        assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": probe_port}
        assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": probe_port}
        assert container["startupProbe"]["httpGet"] == {"path": "/healthz", "port": probe_port}
        ports = [{"name": "http", "containerPort": 8000, "protocol": "TCP"}]
        if process != "gateway":
            ports.append({"name": "health", "containerPort": 8001, "protocol": "TCP"})
        assert container["ports"] == ports
        assert pod["spec"]["serviceAccountName"] == process
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert selector.items() <= pod["metadata"]["labels"].items()
        service = find(resources, "Service", process)
        assert service["spec"]["selector"] == selector
        hpa = find(resources, "HorizontalPodAutoscaler", process)
        assert hpa["spec"]["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": process,
        }
        assert "replicas" not in deployment["spec"], "the autoscaler owns the replica count"
        assert hpa["spec"]["minReplicas"] == {"dev": 1, "prod": 3}[overlay]
        pdb = find(resources, "PodDisruptionBudget", process)
        assert pdb["spec"]["selector"]["matchLabels"] == selector
    if overlay == "prod":
        for process in PROCESSES:
            spread = find(resources, "Deployment", process)["spec"]["template"]["spec"]
            assert spread["topologySpreadConstraints"][0]["whenUnsatisfiable"] == "DoNotSchedule"
            assert find(resources, "PodDisruptionBudget", process)["spec"]["minAvailable"] == 2
    ingress = find(resources, "Ingress", "gateway")
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]
    assert backend == {"service": {"name": "gateway", "port": {"name": "http"}}}
    assert ingress["spec"]["tls"][0]["secretName"] == "agora-gateway-tls"


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("process", PROCESSES)
def test_migration_job_runs_the_explicit_migrate_step(
    rendered: dict[str, Resources], overlay: str, process: str
) -> None:
    resources = rendered[overlay]
    job = find(resources, "Job", f"{process}-migrate")
    container = job["spec"]["template"]["spec"]["containers"][0]
    variable = f"AGORA_{process.upper()}_DATABASE_URL"
    assert container["command"] == [
        "python",
        "-m",
        "agora_common.migrate",
        MIGRATION_DIRS[process],
        variable,
    ]
    deployment = find(resources, "Deployment", process)["spec"]["template"]["spec"]
    assert container["image"] == deployment["containers"][0]["image"]
    assert "command" not in deployment["containers"][0]
    job_url = next(e for e in container["env"] if e["name"] == variable)
    server_url = next(e for e in deployment["containers"][0]["env"] if e["name"] == variable)
    assert job_url == server_url
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_console_runs_once_behind_the_gateway(
    rendered: dict[str, Resources], overlay: str
) -> None:
    resources = rendered[overlay]
    tag = {"dev": "dev", "prod": "1.0.0"}[overlay]
    deployment = find(resources, "Deployment", CONSOLE)
    # Its sessions live in the process: one replica, never two at once, no autoscaler.
    assert deployment["spec"]["replicas"] == 1
    assert deployment["spec"]["strategy"] == {"type": "Recreate"}
    assert not [
        r for r in of_kind(resources, "HorizontalPodAutoscaler") if r["metadata"]["name"] == CONSOLE
    ]
    pod = deployment["spec"]["template"]
    container = pod["spec"]["containers"][0]
    assert container["image"].endswith(f"agora/console:{tag}")
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        assert container[probe]["httpGet"] == {"path": "/console/healthz", "port": "http"}
    assert container["ports"] == [{"name": "http", "containerPort": 8000, "protocol": "TCP"}]
    assert "env" not in container, "no secret, nothing but its ConfigMap"
    assert pod["spec"]["serviceAccountName"] == CONSOLE
    service = find(resources, "Service", CONSOLE)
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]
    gateway = find(resources, "ConfigMap", "agora-gateway")["data"]
    assert gateway["AGORA_CONSOLE_URL"] == "http://console:8000"


# --- databases ------------------------------------------------------------------------------


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_one_postgresql_cluster_per_process_each_reading_only_its_own(
    rendered: dict[str, Resources], overlay: str
) -> None:
    resources = rendered[overlay]
    clusters = of_kind(resources, "Cluster")
    assert sorted(c["metadata"]["name"] for c in clusters) == sorted(f"{p}-db" for p in PROCESSES)
    for process in PROCESSES:
        cluster = find(resources, "Cluster", f"{process}-db")["spec"]
        assert cluster["bootstrap"]["initdb"] == {"database": process, "owner": process}
        assert cluster["enableSuperuserAccess"] is False
        if overlay == "prod":
            assert cluster["instances"] == 3
            assert cluster["minSyncReplicas"] == cluster["maxSyncReplicas"] == 1
            assert cluster["plugins"] == [
                {
                    "name": "barman-cloud.cloudnative-pg.io",
                    "isWALArchiver": True,
                    "parameters": {"barmanObjectName": f"{process}-backups"},
                }
            ]
            store = find(resources, "ObjectStore", f"{process}-backups")["spec"]
            assert store["configuration"]["destinationPath"].endswith(f"/{process}")
            backup = find(resources, "ScheduledBackup", f"{process}-db-daily")["spec"]
            assert backup["cluster"] == {"name": f"{process}-db"}
            assert backup["method"] == "plugin"
        else:
            assert cluster["instances"] == 1
            assert cluster["minSyncReplicas"] == cluster["maxSyncReplicas"] == 0
        for kind, name in (("Deployment", process), ("Job", f"{process}-migrate")):
            spec = find(resources, kind, name)["spec"]["template"]["spec"]
            env = spec["containers"][0]["env"]
            databases = {
                e["valueFrom"]["secretKeyRef"]["name"]
                for e in env
                if "valueFrom" in e and e["valueFrom"]["secretKeyRef"]["name"].endswith("-db-app")
            }
            assert databases == {f"{process}-db-app"}, name
            url = next(e["value"] for e in env if e["name"].endswith("_DATABASE_URL"))
            assert url == (
                f"postgresql+asyncpg://$(DB_USER):$(DB_PASSWORD)@{process}-db-rw:5432/{process}"
            )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_no_secret_value_is_committed_and_every_reference_is_known(
    rendered: dict[str, Resources], overlay: str, gen_secrets: ModuleType
) -> None:
    resources = rendered[overlay]
    assert of_kind(resources, "Secret") == []
    # agora-nats-operators is read by the NATS server alone (Helm values, checked above).
    known = {
        (name, key)
        for name, keys in gen_secrets.K8S_SECRETS.items()
        if name != "agora-nats-operators"
        for key in keys
    }
    known |= {(f"{p}-db-app", key) for p in PROCESSES for key in ("username", "password")}
    used: set[tuple[str, str]] = set()
    for name, spec in pod_specs(resources):
        for container in spec["containers"]:
            for env in container.get("env", []):
                if "valueFrom" in env:
                    reference = env["valueFrom"]["secretKeyRef"]
                    used.add((reference["name"], reference["key"]))
                    assert (reference["name"], reference["key"]) in known, name
                    if reference["name"] == "agora-gateway":
                        assert "/gateway" in name, name
                    if reference["name"] == "agora-actors":
                        assert "/actors" in name, name
                    if reference["name"] == "agora-nats-users":
                        # Each service its own password, no other's.
                        service = name.split("/", 1)[1]
                        assert reference["key"] == nats_password_variable(service), name
                else:
                    # A literal value is never a secret (URLs only interpolate secret refs;
                    # *_FILE names a file mounted from a Secret).
                    if not env["name"].endswith("_FILE"):
                        assert not re.search(r"KEY|SECRET|PASSWORD", env["name"]), name
                    assert "@" not in env["value"] or "$(DB_PASSWORD)@" in env["value"], name
    assert used == known
    for configmap in of_kind(resources, "ConfigMap"):
        for key in configmap["data"]:
            assert not re.search(r"KEY|SECRET|PASSWORD|DATABASE_URL", key)


# --- NATS -----------------------------------------------------------------------------------


def nats_values(name: str) -> dict[str, Any]:
    loaded = yaml.safe_load((K8S / "nats" / name).read_text())
    assert isinstance(loaded, dict)
    return loaded


def chart_format(config: dict[str, Any]) -> str:
    """As the chart's `nats.formatConfig`: the config as JSON, then `"<< x >>"` unquoted (a NATS
    unit like 1MB, or a variable reference like $ACTORS_NATS_PASSWORD)."""
    return re.sub(r'"<<\s+(.*?)\s+>>"', r"\1", json.dumps(config, indent=2))


def nats_conf(values: dict[str, Any], directory: Path, gen_secrets: ModuleType) -> str:
    """The chart's nats.conf for these values (the parts they set), in the chart's own rendering:
    JSON with `<< >>` unquoted; the TLS Secret's files generated into `directory`."""
    config = values["config"]
    jetstream = config["jetstream"]
    rendered: dict[str, Any] = {"server_name": "agora-nats-0", "listen": "127.0.0.1:-1"}
    store: dict[str, Any] = {
        "store_dir": str(directory / "store"),
        "max_file_store": f"<< {jetstream['fileStore']['maxSize']} >>",
    }
    if jetstream["memoryStore"]["enabled"]:
        store["max_memory_store"] = f"<< {jetstream['memoryStore']['maxSize']} >>"
    rendered["jetstream"] = {**store, **jetstream.get("merge", {})}
    tls = config["nats"]["tls"]
    if tls["enabled"]:
        files = gen_secrets.nats_tls(gen_secrets.nats_server_names("agora"))
        for name, content in files.items():
            (directory / name).write_text(content)
        rendered["tls"] = {
            "cert_file": str(directory / tls.get("cert", "tls.crt")),
            "key_file": str(directory / tls.get("key", "tls.key")),
            **tls.get("merge", {}),
        }
    if config["cluster"]["enabled"]:
        rendered["cluster"] = {"name": "agora", "listen": "127.0.0.1:-1"}
    rendered.update(config.get("merge", {}))
    return chart_format(rendered) + "\n"


def nats_environment(values: dict[str, Any], gen_secrets: ModuleType) -> dict[str, str]:
    """The NATS container's environment: each secret reference with a generated password."""
    environment = dict(os.environ)
    for name, value in values["container"].get("env", {}).items():
        environment[name] = value if isinstance(value, str) else gen_secrets.nats_password()
    return environment


def nats_check(conf: Path, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NATS_SERVER), "-c", str(conf), "-t"],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )


@pytest.mark.parametrize("name", ["values.yaml", "values-dev.yaml"])
def test_nats_helm_values_make_a_valid_durable_jetstream_config(
    name: str, tmp_path: Path, gen_secrets: ModuleType
) -> None:
    values = nats_values(name)
    jetstream = values["config"]["jetstream"]
    assert jetstream["enabled"] is True
    assert jetstream["fileStore"]["enabled"] is True
    assert jetstream["fileStore"]["pvc"]["enabled"] is True
    assert jetstream["merge"]["sync_interval"] == "always"
    assert values["natsBox"]["enabled"] is False
    conf = tmp_path / "nats.conf"
    conf.write_text(nats_conf(values, tmp_path, gen_secrets))
    environment = nats_environment(values, gen_secrets)
    result = nats_check(conf, environment)
    assert result.returncode == 0, result.stderr + conf.read_text()
    # Every password variable the config references must come from the container's environment.
    referenced = set(re.findall(r'(?<!")\$([A-Z][A-Z0-9_]*)', conf.read_text()))
    assert referenced == set(values["container"]["env"])
    for variable in referenced:
        result = nats_check(conf, {k: v for k, v in environment.items() if k != variable})
        assert result.returncode != 0, variable


def test_nats_config_check_rejects_a_misspelt_setting(
    tmp_path: Path, gen_secrets: ModuleType
) -> None:
    values = nats_values("values.yaml")
    values["config"]["jetstream"]["merge"] = {"sync_intervall": "always"}
    conf = tmp_path / "nats.conf"
    conf.write_text(nats_conf(values, tmp_path, gen_secrets))
    assert nats_check(conf, nats_environment(values, gen_secrets)).returncode != 0
    # A unit the chart would quote (not wrapped in << >>) is refused too.
    values = nats_values("values.yaml")
    values["config"]["merge"]["max_payload"] = "1MB"
    conf.write_text(nats_conf(values, tmp_path, gen_secrets))
    assert nats_check(conf, nats_environment(values, gen_secrets)).returncode != 0


@pytest.mark.parametrize("name", ["values.yaml", "values-dev.yaml"])
def test_nats_helm_values_require_tls_and_read_passwords_from_the_secrets(
    name: str, gen_secrets: ModuleType
) -> None:
    values = nats_values(name)
    tls = values["config"]["nats"]["tls"]
    assert tls["enabled"] is True
    assert tls["secretName"] == "nats-tls"
    assert gen_secrets.K8S_TLS_SECRETS["nats-tls"] == "kubernetes.io/tls"
    assert "allow_non_tls" not in json.dumps(values)
    users = values["config"]["merge"]["authorization"]["users"]
    env = values["container"]["env"]
    assert set(env) == {nats_password_variable(user["user"]) for user in users}
    for user in users:
        variable = nats_password_variable(user["user"])
        assert user["password"] == f"<< ${variable} >>"
        reference = env[variable]["valueFrom"]["secretKeyRef"]
        assert reference["key"] == variable
        assert variable in gen_secrets.K8S_SECRETS[reference["name"]]
        # The processes' passwords (services and gateway) in one Secret, the operators' in another.
        wanted = "agora-nats-users" if user["user"] in PROCESSES else "agora-nats-operators"
        assert reference["name"] == wanted


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_process_connects_as_its_own_nats_user_over_tls(
    rendered: dict[str, Resources], overlay: str
) -> None:
    resources = rendered[overlay]
    common = find(resources, "ConfigMap", "agora-common")["data"]
    assert common["AGORA_NATS_URL"] == "tls://nats:4222"
    # The services publish their events; the gateway its audit checkpoints (stream AUDIT).
    for process in PROCESSES:
        spec = find(resources, "Deployment", process)["spec"]["template"]["spec"]
        container = spec["containers"][0]
        env = {e["name"]: e for e in container["env"]}
        assert env["AGORA_NATS_USER"]["value"] == process
        assert env["AGORA_NATS_PASSWORD"]["valueFrom"]["secretKeyRef"] == {
            "name": "agora-nats-users",
            "key": nats_password_variable(process),
        }
        assert env["AGORA_NATS_TLS_CA_FILE"]["value"] == "/etc/agora/nats-ca/ca.crt"
        mount = next(m for m in container["volumeMounts"] if m["name"] == "nats-ca")
        assert mount == {"name": "nats-ca", "mountPath": "/etc/agora/nats-ca", "readOnly": True}
        volume = next(v for v in spec["volumes"] if v["name"] == "nats-ca")
        # The CA certificate alone, from its own Secret: never the server's key.
        assert volume["secret"] == {
            "secretName": "agora-nats-ca",
            "items": [{"key": "ca.crt", "path": "ca.crt"}],
        }
        for job in of_kind(resources, "Job"):
            assert "NATS" not in json.dumps(job["spec"]), job["metadata"]["name"]


def test_production_streams_are_replicated_on_a_three_node_cluster(
    rendered: dict[str, Resources],
) -> None:
    prod = nats_values("values.yaml")["config"]
    assert prod["cluster"] == {"enabled": True, "replicas": 3}
    common = find(rendered["prod"], "ConfigMap", "agora-common")["data"]
    assert common["AGORA_NATS_STREAM_REPLICAS"] == "3"
    assert common["AGORA_ENV"] == "production"
    dev = nats_values("values-dev.yaml")["config"]
    assert dev["cluster"]["enabled"] is False
    dev_common = find(rendered["dev"], "ConfigMap", "agora-common")["data"]
    assert dev_common["AGORA_NATS_STREAM_REPLICAS"] == "1"


# --- network policies -----------------------------------------------------------------------


@dataclass(frozen=True)
class Pod:
    name: str
    namespace: str
    labels: tuple[tuple[str, str], ...] = field(default=())

    def label_map(self) -> dict[str, str]:
        return dict(self.labels)


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    for key, wanted in selector.get("matchLabels", {}).items():
        if labels.get(key) != wanted:
            return False
    for expression in selector.get("matchExpressions", []):
        key, operator = expression["key"], expression["operator"]
        values = expression.get("values", [])
        if operator == "In" and labels.get(key) not in values:
            return False
        if operator == "NotIn" and labels.get(key) in values:
            return False
        if operator == "Exists" and key not in labels:
            return False
        if operator == "DoesNotExist" and key in labels:
            return False
    return True


def peer_matches(peer: dict[str, Any], pod: Pod, namespace: str) -> bool:
    assert "ipBlock" not in peer
    if "namespaceSelector" in peer:
        namespace_labels = {"kubernetes.io/metadata.name": pod.namespace}
        if not selects(peer["namespaceSelector"], namespace_labels):
            return False
    elif pod.namespace != namespace:
        return False
    return selects(peer.get("podSelector", {}), pod.label_map())


def rule_allows(rule: dict[str, Any], direction: str, peer: Pod, port: int, namespace: str) -> bool:
    peers = rule.get(direction)
    if peers and not any(peer_matches(p, peer, namespace) for p in peers):
        return False
    ports = rule.get("ports")
    return not ports or any(p["port"] == port for p in ports)


def allowed(policies: Resources, source: Pod, target: Pod, port: int) -> bool:
    """Kubernetes NetworkPolicy semantics for a TCP connection from source to target:port."""

    def side(pod: Pod, policy_type: str, direction: str, rule_key: str, peer: Pod) -> bool:
        relevant = [
            p
            for p in policies
            if p["metadata"]["namespace"] == pod.namespace
            and policy_type in p["spec"]["policyTypes"]
            and selects(p["spec"]["podSelector"], pod.label_map())
        ]
        if not relevant:
            return True
        return any(
            rule_allows(rule, direction, peer, port, pod.namespace)
            for p in relevant
            for rule in p["spec"].get(rule_key, [])
        )

    return side(source, "Egress", "to", "egress", target) and side(
        target, "Ingress", "from", "ingress", source
    )


def cluster_pods(resources: Resources, namespace: str) -> dict[str, Pod]:
    pods: dict[str, Pod] = {}
    for r in resources:
        if r["kind"] in ("Deployment", "Job"):
            labels = r["spec"]["template"]["metadata"]["labels"]
            pods[r["metadata"]["name"]] = Pod(
                r["metadata"]["name"], namespace, tuple(labels.items())
            )
        if r["kind"] == "Cluster":
            name = r["metadata"]["name"]
            pods[name] = Pod(name, namespace, (("cnpg.io/cluster", name),))
    nats = (("app.kubernetes.io/name", "nats"), ("app.kubernetes.io/instance", "nats"))
    pods["nats"] = Pod("nats", namespace, nats)
    pods["ingress-controller"] = Pod(
        "ingress-controller", "ingress-nginx", (("app.kubernetes.io/name", "ingress-nginx"),)
    )
    pods["cnpg-operator"] = Pod(
        "cnpg-operator", "cnpg-system", (("app.kubernetes.io/name", "cloudnative-pg"),)
    )
    pods["elsewhere"] = Pod("elsewhere", "other", (("app.kubernetes.io/name", "gateway"),))
    pods["kube-dns"] = Pod("kube-dns", "kube-system", (("k8s-app", "kube-dns"),))
    return pods


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_network_policies_isolate_services_databases_and_nats(
    rendered: dict[str, Resources], overlay: str
) -> None:
    resources = rendered[overlay]
    policies = of_kind(resources, "NetworkPolicy")
    pods = cluster_pods(resources, NAMESPACES[overlay])

    def reachers(target: str, port: int) -> set[str]:
        return {
            n
            for n, pod in pods.items()
            if n != target and allowed(policies, pod, pods[target], port)
        }

    # The ingress controller, and the console calling the public API.
    assert reachers("gateway", 8000) == {"ingress-controller", CONSOLE}
    assert reachers(CONSOLE, 8000) == {"gateway"}
    for process in PROCESSES:
        assert not allowed(policies, pods[CONSOLE], pods[f"{process}-db"], 5432)
    for service in SERVICES:
        assert reachers(service, 8000) == {"gateway"}
        # The plain probe port: the kubelet only (from the node, outside the policies).
        assert reachers(service, 8001) == set()
    for process in PROCESSES:
        # Its own server and migration Job; the operator (the peers are the same pod here).
        assert reachers(f"{process}-db", 5432) == {process, f"{process}-migrate", "cnpg-operator"}
    # The services (their events) and the gateway (its audit checkpoints).
    assert reachers("nats", 4222) == {*SERVICES, "gateway"}
    for name, pod in pods.items():
        if pod.namespace == NAMESPACES[overlay]:
            assert allowed(policies, pod, pods["kube-dns"], 53), name
            assert not allowed(policies, pod, pods["elsewhere"], 8000), name
    # Nothing the issue does not ask for: no way from a service to another service's database.
    for service in SERVICES:
        for other in PROCESSES:
            if other != service:
                assert not allowed(policies, pods[service], pods[f"{other}-db"], 5432)
    # NATS admits no migration Job, and its routes (6222) only its own servers.
    for process in PROCESSES:
        assert not allowed(policies, pods[f"{process}-migrate"], pods["nats"], 4222)
    assert reachers("nats", 6222) == set()


def test_the_policy_model_sees_an_open_namespace_as_open(rendered: dict[str, Resources]) -> None:
    pods = cluster_pods(rendered["prod"], "agora")
    assert allowed([], pods["actors"], pods["funding-db"], 5432)
    deny_all = [find(rendered["prod"], "NetworkPolicy", "default-deny")]
    assert not allowed(deny_all, pods["gateway"], pods["actors"], 8000)
