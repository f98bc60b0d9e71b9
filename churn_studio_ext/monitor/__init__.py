"""A local stand-in for SageMaker Model Monitor's data-quality analyzer container.

`analyzer.run_analyzer` runs a baseline job (statistics and suggested constraints of a CSV or
JSON-lines data set) or a monitoring execution (statistics of the captured requests in a time
window, checked against a baseline's constraints). The file layouts follow the analyzer's
published output files, and the statistics follow Deequ 2.0.2, the library the analyzer is
built on.
"""
