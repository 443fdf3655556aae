"""Hypothesis settings for the fuzz suite: a few seconds in the normal run, more on request.

    HYPOTHESIS_PROFILE=long uv run pytest tests/fuzz -p no:cacheprovider

runs each reader with 2,000 examples instead of 10 (an hour or more); `more` runs 150.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,  # each example is timed by the tests themselves
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "database": None,  # nothing written into the repository
}
settings.register_profile("default", max_examples=10, **_COMMON)
settings.register_profile("more", max_examples=150, **_COMMON)
settings.register_profile("long", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
