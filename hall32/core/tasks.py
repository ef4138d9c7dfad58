"""Background tasks of the core app (none yet: the apps' tasks use core.services.job_*)."""
