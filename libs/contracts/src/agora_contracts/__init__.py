"""The public contracts between Agora's services: the payload of every event they publish.

Publishers build an event's ``data`` from these models; consumers read it with the same models
(tolerant readers: fields they do not know are ignored, so a publisher may add fields). A payload
change that a reader could not ignore gets a new versioned type (``….v2``), never an edit here.
This package holds schemas only: it imports no service and no mechanism.
"""
