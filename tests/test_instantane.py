"""No behaviour change: every output of the example equals the recorded snapshot (tests/instantane.py).

A deliberate change of an output (a template version bump, a new column…) re-records the snapshot with
`python -m tests.instantane --ecrire`, in the same commit as the change and with the reason in its message.
"""

from __future__ import annotations

import pytest

from tests import instantane


@pytest.fixture(scope="module")
def captures(libreoffice):  # the PDF text needs poppler, installed with LibreOffice (mandatory under CI=true)
    return instantane.capturer()


@pytest.mark.parametrize("section", list(instantane.SECTIONS))
def test_outputs_equal_the_recorded_snapshot(captures, section):
    ecarts = instantane.differences(instantane.enregistre(section), captures[section])
    assert not ecarts, f"{section} : les sorties ont changé :\n" + "\n".join(ecarts)


def test_differences_name_the_place_of_each_change():
    avant = {"a": {"b": [1, 2], "c": "x"}, "d": 1}
    apres = {"a": {"b": [1, 3], "c": "x"}, "e": 2}
    assert instantane.differences(avant, apres) == ["/a/b[1] : 2 → 3", "/d : disparu (1)", "/e : ajouté (2)"]
