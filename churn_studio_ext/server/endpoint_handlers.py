"""REST handlers of endpoints under ``<base_url>churn-studio/api/endpoints``."""

import tornado.web

from .endpoint_service import parse_deploy_request
from .errors import BadRequest
from .handlers import NAME, StudioHandler, route

ENDPOINT_SERVICE_SETTING = "churn_studio_endpoint_service"


class EndpointHandlerBase(StudioHandler):
    @property
    def endpoints(self):
        return self.settings[ENDPOINT_SERVICE_SETTING]


class EndpointsHandler(EndpointHandlerBase):
    @tornado.web.authenticated
    async def get(self):
        self.reply(await self.call(self.endpoints.list_endpoints))

    @tornado.web.authenticated
    async def post(self):
        request = self.check(parse_deploy_request, self.json_body())
        row = await self.call(self.endpoints.create_endpoint, request)
        # Accepted: the endpoint is Creating until its model server has loaded the model.
        self.set_status(202)
        self.reply(row)


class EndpointHandler(EndpointHandlerBase):
    @tornado.web.authenticated
    async def get(self, name):
        self.reply(await self.call(self.endpoints.get_endpoint, name))

    @tornado.web.authenticated
    async def delete(self, name):
        self.reply(await self.call(self.endpoints.delete_endpoint, name))


class InvocationsHandler(EndpointHandlerBase):
    @tornado.web.authenticated
    async def post(self, name):
        body = self.json_body()
        self.check(_check_invocation, body)
        self.reply(await self.call(
            self.endpoints.invoke, name, body.get("contentType") or "text/csv", body["body"]
        ))


class SampleRowHandler(EndpointHandlerBase):
    @tornado.web.authenticated
    async def get(self, name):
        self.reply(await self.call(self.endpoints.sample_row, name))


def _check_invocation(body: dict) -> None:
    if not isinstance(body.get("body"), str):
        raise BadRequest(
            f"Invalid body {body.get('body')!r}: send the request payload as a string, for "
            'example {"contentType": "text/csv", "body": "1,2,3"}.'
        )
    try:
        body["body"].encode("utf-8")
    except UnicodeEncodeError as error:
        raise BadRequest(
            f"Invalid body: the character at position {error.start} is an unpaired UTF-16 "
            "surrogate, which is not valid Unicode text. Send the payload as valid text."
        ) from None
    content_type = body.get("contentType")
    # The content type travels as an HTTP header, so it must be printable ASCII.
    if content_type is not None and (
        not isinstance(content_type, str)
        or len(content_type) > 1024
        or not all(" " <= character <= "~" for character in content_type)
    ):
        raise BadRequest(
            f"Invalid contentType {content_type!r}: send a media type of at most 1024 printable "
            "ASCII characters without line breaks, such as text/csv."
        )


ENDPOINT_HANDLERS = [
    (route("endpoints"), EndpointsHandler),
    (route(f"endpoints/{NAME}"), EndpointHandler),
    (route(f"endpoints/{NAME}/invocations"), InvocationsHandler),
    (route(f"endpoints/{NAME}/sample-row"), SampleRowHandler),
]
