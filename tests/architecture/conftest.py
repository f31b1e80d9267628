"""Architecture checks: migrations equal models, and the import contracts between packages."""
