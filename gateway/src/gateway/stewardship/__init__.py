"""Stewardship: a state's own administrators enrol and revoke its agency clients and see who
touched its actors' personal data."""
