from agora_common.migrations import run_env
from agora_common.tables import metadata as messaging
from funding.models import Base

run_env([Base.metadata, messaging])
