"""What the API of journeys shares: its router, the access to a person's routes, a reason."""

from ninja import Router, Schema

from assetlink.people.api import on_person

router = Router(tags=["journeys"])


VIEW_PERSON = on_person("people.view_person")


class ReasonIn(Schema):
    reason: str
