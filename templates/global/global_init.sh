# Sourced by run.sh before scenario_init.sh (POSIX sh). Add setup shared by every scenario here.
:
