"""The evaluation example the map section's pages include."""
