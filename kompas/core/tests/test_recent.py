"""The process's few recently used values (kompas/core/recent.py)."""

from kompas.core.recent import Recent


def test_a_kept_value_is_read_once_and_the_least_recently_used_goes_first():
    reads = []

    def read(key):
        def build():
            reads.append(key)
            return [key]

        return build

    kept: Recent[list[str]] = Recent(2)
    assert kept.get("a", read("a")) == ["a"]
    assert kept.get("b", read("b")) == ["b"]
    assert kept.get("a", read("a")) == ["a"]  # kept: not read again, and now the most recent
    kept.get("c", read("c"))  # "b" goes
    kept.get("a", read("a"))
    kept.get("b", read("b"))
    assert reads == ["a", "b", "c", "b"]


def test_copies_hand_out_a_copy_that_the_caller_may_change():
    kept: Recent[list[int]] = Recent(4, copies=True)
    first = kept.get("k", lambda: [1])
    first.append(2)
    assert kept.get("k", lambda: [9]) == [1]
