"""The coordination overview: one snapshot across the three services, as the caller sees them."""
