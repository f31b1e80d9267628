"""Donors' own settings for the data exchange: their IATI organisation identifier and how their
confidential commitments appear in exports."""
