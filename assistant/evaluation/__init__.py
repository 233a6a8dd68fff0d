"""The evaluation harness behind ``ipfin eval``: gold set, metrics, runner, reports."""
