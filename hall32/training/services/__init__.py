"""Writes of the training app, one module per part (cohorts, admissions, contracts, attendance,
paths, outcomes, programmes)."""
