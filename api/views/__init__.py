"""Views of the API app: the resources under /api/v1/, the root, the schema and the docs page,
and the staff pages that manage tokens."""

from .docs import ApiDocsView, ApiRootView, SchemaView  # noqa: F401
from .resources import ROUTES  # noqa: F401
from .tokens import (  # noqa: F401
    TokenCreateView,
    TokenListView,
    TokenRevokeView,
)
