"""Exports of a donor's own commitments in the data standards agencies publish in: IATI 2.03
(XML) and 360Giving 1.4 (JSON package and flat CSV)."""
