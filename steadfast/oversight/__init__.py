"""Read-only views across children and households: measures and reports."""
