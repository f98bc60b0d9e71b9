"""The Jupyter server extension: REST handlers over ``StudioService`` and the boto3-shaped clients."""
