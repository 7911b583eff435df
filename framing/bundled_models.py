"""The sha256 of each bundled model's ``model.joblib``: the only models framing loads with no
``--trust-model`` and no record in the user's trust file. Trust goes by these hashes, not by where a
folder lies: anything can be copied into ``models/``.

After retraining a bundled model, put the new hash here (``sha256sum models/TASK/model.joblib``);
tests/test_persist.py fails, saying so, until it matches.
"""
BUNDLED_SHA256 = {
    "framing": "911141e86d6b0ecf5d49877dc2a2cbbb26f393738d20c480ff99c247e13407f6",
    "sourcing": "79252ddd3f7df0d927b25a3b9720f7e6ccbebb4c6c3d44f8d91f156d64fc195f",
}
