import sys
from unittest import mock
import pytest
sys.path.insert(0, "bench")
from survey_attack import _old_modules
from kompas.surveys import api, views
from kompas.surveys.tests import attack as attack_module
from kompas.surveys.tests import test_attack

OLD = _old_modules("2531212")

@pytest.fixture(autouse=True)
def _old():
    with mock.patch.object(views, "selectors", OLD), mock.patch.object(api, "selectors", OLD), mock.patch.object(attack_module, "selectors", OLD), mock.patch.object(test_attack, "selectors", OLD):
        yield

test_old = test_attack.test_no_page_unit_page_trend_api_or_csv_combination_reveals_a_small_group
test_old_demo = test_attack.test_demo_department_minus_its_shown_unit_gives_nothing_away
