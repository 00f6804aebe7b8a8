import pytest

from tests.security.walk import build_world


@pytest.fixture
def world(make_user, make_process):
    """Everything the table's URLs point at: processes, users, and what each feature's build() adds."""
    return build_world(make_user, make_process)
