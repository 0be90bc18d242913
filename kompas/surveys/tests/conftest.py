import pytest

from kompas.surveys import selectors


@pytest.fixture(autouse=True)
def _fresh_results():
    selectors._RESULTS.clear()
    yield
    selectors._RESULTS.clear()
