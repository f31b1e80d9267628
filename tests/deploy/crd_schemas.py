"""Hand-written JSON schemas for the custom resources Agora's manifests use.

kubernetes-validate ships only the schemas of Kubernetes' own kinds. The CloudNativePG CRDs are
not vendored: these schemas cover exactly the fields deploy/k8s uses, with the types and values
of the CloudNativePG (postgresql.cnpg.io/v1) and Barman Cloud plugin (barmancloud.cnpg.io/v1) API
references, and every object closed (``additionalProperties: false``) so that a misspelt or
misplaced field fails here instead of being ignored by the cluster.
"""

from __future__ import annotations

from typing import Any


def closed(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


STRING = {"type": "string"}
QUANTITY = {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti)?$"}
SECRET_KEY = closed({"name": STRING, "key": STRING}, ("name", "key"))
METADATA = closed(
    {
        "name": {"type": "string", "pattern": r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},
        "namespace": STRING,
        "labels": {"type": "object", "additionalProperties": STRING},
        "annotations": {"type": "object", "additionalProperties": STRING},
    },
    ("name", "namespace"),
)
RESOURCES = closed(
    {
        "requests": closed({"cpu": QUANTITY, "memory": QUANTITY}),
        "limits": closed({"cpu": QUANTITY, "memory": QUANTITY}),
    },
    ("requests", "limits"),
)


def resource(api_version: str, kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    return closed(
        {
            "apiVersion": {"const": api_version},
            "kind": {"const": kind},
            "metadata": METADATA,
            "spec": spec,
        },
        ("apiVersion", "kind", "metadata", "spec"),
    )


CLUSTER = resource(
    "postgresql.cnpg.io/v1",
    "Cluster",
    closed(
        {
            "instances": {"type": "integer", "minimum": 1},
            "imageName": {"type": "string", "pattern": r"^[^:@\s]+:[0-9][^\s]*$"},
            "primaryUpdateStrategy": {"enum": ["unsupervised", "supervised"]},
            "enableSuperuserAccess": {"type": "boolean"},
            "minSyncReplicas": {"type": "integer", "minimum": 0},
            "maxSyncReplicas": {"type": "integer", "minimum": 0},
            "bootstrap": closed(
                {"initdb": closed({"database": STRING, "owner": STRING}, ("database", "owner"))},
                ("initdb",),
            ),
            "postgresql": closed(
                {"parameters": {"type": "object", "additionalProperties": STRING}}
            ),
            "storage": closed({"size": QUANTITY, "storageClass": STRING}, ("size",)),
            "walStorage": closed({"size": QUANTITY, "storageClass": STRING}, ("size",)),
            "affinity": closed(
                {
                    "enablePodAntiAffinity": {"type": "boolean"},
                    "topologyKey": STRING,
                    "podAntiAffinityType": {"enum": ["preferred", "required"]},
                }
            ),
            "resources": RESOURCES,
            "plugins": {
                "type": "array",
                "items": closed(
                    {
                        "name": STRING,
                        "enabled": {"type": "boolean"},
                        "isWALArchiver": {"type": "boolean"},
                        "parameters": {"type": "object", "additionalProperties": STRING},
                    },
                    ("name",),
                ),
            },
        },
        ("instances", "storage", "bootstrap"),
    ),
)

OBJECT_STORE = resource(
    "barmancloud.cnpg.io/v1",
    "ObjectStore",
    closed(
        {
            "retentionPolicy": {"type": "string", "pattern": r"^[1-9][0-9]*[dwm]$"},
            "configuration": closed(
                {
                    "destinationPath": {"type": "string", "pattern": r"^(s3|gs|https)://"},
                    "endpointURL": STRING,
                    "s3Credentials": closed(
                        {"accessKeyId": SECRET_KEY, "secretAccessKey": SECRET_KEY},
                        ("accessKeyId", "secretAccessKey"),
                    ),
                    "wal": closed(
                        {
                            "compression": {
                                "enum": ["bzip2", "gzip", "lz4", "snappy", "xz", "zstd"]
                            },
                            "encryption": {"enum": ["AES256", "aws:kms"]},
                        }
                    ),
                    "data": closed(
                        {
                            "compression": {"enum": ["bzip2", "gzip", "snappy"]},
                            "encryption": {"enum": ["AES256", "aws:kms"]},
                        }
                    ),
                },
                ("destinationPath",),
            ),
        },
        ("configuration",),
    ),
)

SCHEDULED_BACKUP = resource(
    "postgresql.cnpg.io/v1",
    "ScheduledBackup",
    closed(
        {
            # Six fields: CloudNativePG's cron format starts with seconds.
            "schedule": {"type": "string", "pattern": r"^\S+( \S+){5}$"},
            "backupOwnerReference": {"enum": ["none", "self", "cluster"]},
            "method": {"enum": ["barmanObjectStore", "volumeSnapshot", "plugin"]},
            "pluginConfiguration": closed(
                {"name": STRING, "parameters": {"type": "object"}}, ("name",)
            ),
            "cluster": closed({"name": STRING}, ("name",)),
        },
        ("schedule", "cluster"),
    ),
)

SCHEMAS: dict[tuple[str, str], dict[str, Any]] = {
    ("postgresql.cnpg.io/v1", "Cluster"): CLUSTER,
    ("postgresql.cnpg.io/v1", "ScheduledBackup"): SCHEDULED_BACKUP,
    ("barmancloud.cnpg.io/v1", "ObjectStore"): OBJECT_STORE,
}
