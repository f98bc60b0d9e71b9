"""The error that turns into a Failed analyzer result."""


class AnalyzerError(Exception):
    """Bad input: the job fails with this message as its failure reason."""


NO_DATA_REASON = "Job inputs had no data"
