# Sourced by run.sh after scenario_finalize.sh (POSIX sh). Add teardown shared by every scenario here.
:
