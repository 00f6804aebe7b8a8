"""The idea factory of the ideas tests, for searching ideas."""

from tests.ideas.conftest import make_idea  # noqa: F401
