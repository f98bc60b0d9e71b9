"""Reading every page of a boto3 List operation, for views that show all rows at once."""

# Page size of the List calls that the services follow to the end (boto3 allows 1 to 100).
LIST_PAGE_SIZE = 100


def follow_pages(list_method, member: str, **kwargs) -> list:
    """Call a List operation page by page until it returns no NextToken, and collect ``member``.

    ``kwargs`` are the request's other members. MaxResults is always ``LIST_PAGE_SIZE``.
    """
    items = []
    token = None
    while True:
        page_kwargs = dict(kwargs, MaxResults=LIST_PAGE_SIZE)
        if token:
            page_kwargs["NextToken"] = token
        page = list_method(**page_kwargs)
        items.extend(page.get(member, []))
        token = page.get("NextToken")
        if not token:
            return items
