"""The sha256 of each bundled model's ``model.joblib``: the only models framing loads with no
``--trust-model`` and no record in the user's trust file. Trust goes by these hashes, not by where a
folder lies: anything can be copied into ``models/``.

After retraining a bundled model, put the new hash here (``sha256sum models/TASK/model.joblib``);
tests/test_persist.py fails, saying so, until it matches.
"""
BUNDLED_SHA256 = {
    "framing": "911141e86d6b0ecf5d49877dc2a2cbbb26f393738d20c480ff99c247e13407f6",
    "sourcing": "6c127b2d239bc870b4d2403a3859e4a63445e6c70b9ce469dd884abc84298641",
}
