"""The local model server behind local SageMaker endpoints, and its data capture writer.

Imports here stay light: the server process imports only numpy, xgboost and the standard
library, so an endpoint serves its first ``/ping`` soon after CreateEndpoint.
"""
