"""The suite's clock-free speed check (conftest.assert_linear_growth) passes linear work and
catches quadratic work, so the tests that rely on it can fail."""

from __future__ import annotations

import pytest

from conftest import assert_linear_growth


def _linear(n: int) -> int:
    return sum(range(n * 500))


def _quadratic(n: int) -> int:
    total = 0
    for i in range(n):
        for _ in range(n // 4):
            total += i
    return total


def test_linear_work_passes() -> None:
    assert_linear_growth(_linear, 1_000, 10_000)


def test_quadratic_work_fails_with_the_figures() -> None:
    with pytest.raises(AssertionError, match=r"size x10 took x\d+"):
        assert_linear_growth(_quadratic, 1_000, 10_000, repeat=1)
