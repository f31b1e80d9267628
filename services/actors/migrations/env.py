from actors.models import Base
from agora_common.migrations import run_env
from agora_common.tables import metadata as messaging

run_env([Base.metadata, messaging])
